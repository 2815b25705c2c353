namespace Tapback.AgentLink.Webhooks;

/// <summary><c>data</c> of <c>message.received</c>.</summary>
internal sealed record MessageEventData
{
    public required string MessageId { get; init; }
    public required string ConversationId { get; init; }
    public required string From { get; init; }

    /// <summary>The line it came in on: the transport's name.</summary>
    public required string To { get; init; }

    public required string Body { get; init; }
    public required IReadOnlyList<EventAttachment> Attachments { get; init; }
    public required bool IsGroup { get; init; }
    public string? GroupName { get; init; }

    /// <summary>In a group: every handle that has written in it so far, the sender included (transports do not report members).</summary>
    public IReadOnlyList<string>? Participants { get; init; }

    /// <summary>The message this one answers inline (a thread reply), when the transport said.</summary>
    public string? ReplyTo { get; init; }

    /// <summary><c>iMessage</c> or <c>SMS</c>, when the transport said.</summary>
    public string? Service { get; init; }

    /// <summary>The bubble or screen effect it was sent with, when the transport said.</summary>
    public string? Effect { get; init; }

    /// <summary>When the person last edited it (the body is the latest text).</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>When the person unsent it: its body is empty and its files are no longer given.</summary>
    public DateTimeOffset? UnsentAt { get; init; }

    public required DateTimeOffset SentAt { get; init; }
}
