namespace Tapback.Client;

/// <summary>A message as <c>GET /v2/messages/{id}</c> and the message lists give it.</summary>
public sealed record Message
{
    /// <summary>Its id.</summary>
    public required string Id { get; init; }

    /// <summary>Its conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary><c>inbound</c> (from a person) or <c>outbound</c> (from an agent).</summary>
    public required string Direction { get; init; }

    /// <summary>The sender of an inbound message.</summary>
    public string? From { get; init; }

    /// <summary>The recipient of an outbound message.</summary>
    public string? To { get; init; }

    /// <summary>The text (the latest, after edits; empty once unsent).</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary><c>received</c>; or <c>queued</c>, <c>scheduled</c>, <c>held</c>, <c>sent</c>, <c>failed</c>, <c>cancelled</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the governor holds it (<c>status</c> <c>held</c>).</summary>
    public string? HeldReason { get; init; }

    /// <summary>The governor's sentence about the hold.</summary>
    public string? HeldDetail { get; init; }

    /// <summary>When Tapback stored it.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The message it answers inline.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Its bubble or screen effect.</summary>
    public string? Effect { get; init; }

    /// <summary><c>iMessage</c> or <c>SMS</c>, for an inbound message when the transport said.</summary>
    public string? Service { get; init; }

    /// <summary>When it was last edited.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>True once its sender unsent it.</summary>
    public bool Unsent { get; init; }

    /// <summary>When it was unsent.</summary>
    public DateTimeOffset? UnsentAt { get; init; }

    /// <summary>Its files, each with a signed, time-limited URL.</summary>
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];
}
