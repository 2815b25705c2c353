namespace Tapback.AgentLink.Frames;

/// <summary><c>ready</c>; <see cref="Acks"/> asks for Tapback's acknowledged delivery.</summary>
internal sealed record ReadyData
{
    public bool? Acks { get; init; }
}
