namespace Tapback.Client;

/// <summary><c>POST /v2/messages</c>: name the chat by <see cref="To"/> (the paired phone) or <see cref="ConversationId"/>.</summary>
public sealed record SendMessageRequest
{
    /// <summary>The paired phone (any format Tapback reads; stored as E.164).</summary>
    public string? To { get; init; }

    /// <summary>A conversation of the integration (also the way into a group).</summary>
    public string? ConversationId { get; init; }

    /// <summary>The text (at most 20,000 characters); may be empty with attachments or a contact card.</summary>
    public string? Body { get; init; }

    /// <summary>Files by URL; Tapback fetches them (public addresses only, unless the operator allows private ones).</summary>
    public IReadOnlyList<AttachmentUrl>? Attachments { get; init; }

    /// <summary>True: attach the agent's contact card.</summary>
    public bool? ContactCard { get; init; }

    /// <summary>True: Tapback's pacing (markdown to plain text, short bubbles, typing between).</summary>
    public bool? Split { get; init; }

    /// <summary>A message of the same conversation to answer inline.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>A bubble or screen effect (<c>slam</c>, <c>confetti</c>, …).</summary>
    public string? Effect { get; init; }

    /// <summary>Send later (at most 14 days ahead).</summary>
    public DateTimeOffset? SendAt { get; init; }
}
