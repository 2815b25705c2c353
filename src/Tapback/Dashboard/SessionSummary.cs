namespace Tapback.Dashboard;

/// <summary>One of the built-in agent's sessions in a conversation.</summary>
internal sealed record SessionSummary
{
    public required string Id { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? EndReason { get; init; }
    public required long TurnCount { get; init; }

    /// <summary>The session holds the conversation's messages with seq in (StartsAfterSeq, EndsAtSeq].</summary>
    public required long StartsAfterSeq { get; init; }

    public long? EndsAtSeq { get; init; }
}
