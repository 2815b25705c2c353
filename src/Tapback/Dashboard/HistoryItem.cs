namespace Tapback.Dashboard;

/// <summary>
/// One line of a conversation's history: a <c>message</c> (with its tapbacks, files and approvals),
/// a <c>summary</c> the agent wrote of what came before, an agent <c>error</c>, a <c>session</c> start, or
/// where the loop breaker paused the conversation (<c>pause</c>) and where it was resumed (<c>resume</c>).
/// </summary>
internal sealed record HistoryItem
{
    public required string Kind { get; init; }
    public required string Id { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>The message seq the item sits after; items are ordered by it, then by time.</summary>
    public required long Seq { get; init; }

    public string? Direction { get; init; }
    public string? Sender { get; init; }
    public string? Text { get; init; }
    public string? State { get; init; }
    public string? ReplyTo { get; init; }

    /// <summary>The bubble or screen effect the message was sent with.</summary>
    public string? Effect { get; init; }

    /// <summary><c>iMessage</c> or <c>SMS</c>, when the transport said.</summary>
    public string? Service { get; init; }

    /// <summary>When the message was last edited; <see cref="Edits"/> holds its earlier texts, oldest first.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    public IReadOnlyList<string>? Edits { get; init; }

    /// <summary>When its sender unsent it (its text is gone).</summary>
    public DateTimeOffset? UnsentAt { get; init; }
    public IReadOnlyList<HistoryAttachment>? Attachments { get; init; }
    public IReadOnlyList<HistoryReaction>? Reactions { get; init; }
    public IReadOnlyList<HistoryApproval>? Approvals { get; init; }
}
