namespace Tapback.AgentLink.Frames;

/// <summary><c>ack</c>: every event up to and including <see cref="Seq"/> was handled.</summary>
internal sealed record AckData
{
    public long? Seq { get; init; }
}
