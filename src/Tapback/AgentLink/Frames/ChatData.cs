namespace Tapback.AgentLink.Frames;

/// <summary><c>start_typing</c>, <c>stop_typing</c>, <c>mark_read</c>.</summary>
internal sealed record ChatData
{
    public string? ChatId { get; init; }
}
