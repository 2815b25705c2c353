namespace Tapback.Client;

/// <summary><c>message.received</c> (or <c>message.updated</c>: again whole, a file it waited for has arrived).</summary>
public sealed record WebhookMessageEvent : WebhookEvent
{
    /// <summary>The message.</summary>
    public required string MessageId { get; init; }

    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The sender.</summary>
    public required string From { get; init; }

    /// <summary>The transport it came in on.</summary>
    public string? To { get; init; }

    /// <summary>The text.</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>Its files (signed URLs).</summary>
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    /// <summary>Whether it was written in a group.</summary>
    public bool IsGroup { get; init; }

    /// <summary>The group's name.</summary>
    public string? GroupName { get; init; }

    /// <summary>In a group: every handle that has written in it so far.</summary>
    public IReadOnlyList<string>? Participants { get; init; }

    /// <summary>The message it answers inline.</summary>
    public string? ReplyTo { get; init; }

    /// <summary><c>iMessage</c> or <c>SMS</c>.</summary>
    public string? Service { get; init; }

    /// <summary>Its bubble or screen effect.</summary>
    public string? Effect { get; init; }

    /// <summary>When the person last edited it.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>When the person unsent it.</summary>
    public DateTimeOffset? UnsentAt { get; init; }

    /// <summary>When the phone sent it.</summary>
    public DateTimeOffset SentAt { get; init; }
}
