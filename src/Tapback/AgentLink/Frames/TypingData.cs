namespace Tapback.AgentLink.Frames;

/// <summary><c>typing.started</c> / <c>typing.stopped</c>.</summary>
internal sealed record TypingData(string ChatId)
{
    /// <summary>(extension) When the indicator changed: a client that was away can tell a stale one.</summary>
    public DateTimeOffset? At { get; init; }
}
