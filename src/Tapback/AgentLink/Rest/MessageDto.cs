namespace Tapback.AgentLink.Rest;

internal sealed record MessageDto
{
    public required string Id { get; init; }

    public required string ConversationId { get; init; }

    /// <summary><c>inbound</c> (from a person) or <c>outbound</c> (from an agent).</summary>
    public required string Direction { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public required string Body { get; init; }

    /// <summary>
    /// <c>received</c> for inbound; for outbound <c>scheduled</c>, <c>queued</c>, <c>held</c> (the send
    /// governor holds it: see <c>held_reason</c>), <c>sent</c>, <c>delivered</c>, <c>read</c>, <c>failed</c>,
    /// <c>unknown</c> or <c>cancelled</c>.
    /// </summary>
    public required string Status { get; init; }

    /// <summary>
    /// Only while <c>status</c> is <c>held</c>: why (unanswered_limit, recipient_rate, new_conversations,
    /// outbound_ratio, conversation_paused). docs/governor.md says what releases each.
    /// </summary>
    public string? HeldReason { get; init; }

    /// <summary>Only while held: the limit and its figures, in a sentence.</summary>
    public string? HeldDetail { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The message this one answers inline (a thread reply).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The bubble or screen effect it was sent with.</summary>
    public string? Effect { get; init; }

    /// <summary><c>iMessage</c> or <c>SMS</c> for an inbound message, when the transport said.</summary>
    public string? Service { get; init; }

    /// <summary>When it was last edited; <c>body</c> is the latest text.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>True once its sender unsent it: <c>body</c> is empty and its files are no longer listed.</summary>
    public bool Unsent { get; init; }

    /// <summary>When it was unsent.</summary>
    public DateTimeOffset? UnsentAt { get; init; }

    /// <summary>The message's files, each with a signed, time-limited URL.</summary>
    public IReadOnlyList<AttachmentDto> Attachments { get; init; } = [];
}
