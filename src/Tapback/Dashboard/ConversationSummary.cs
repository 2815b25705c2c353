namespace Tapback.Dashboard;

/// <summary>A conversation in a list, with its sessions newest first.</summary>
internal sealed record ConversationSummary
{
    public required string Id { get; init; }
    public required string Transport { get; init; }
    public required string Handle { get; init; }
    public required bool IsGroup { get; init; }
    public string? DisplayName { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset LastMessageAt { get; init; }
    public required long MessageCount { get; init; }
    public IReadOnlyList<SessionSummary> Sessions { get; init; } = [];

    /// <summary>The loop breaker's open pause of the conversation; null when it is not paused.</summary>
    public PauseView? Pause { get; init; }
}
