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
    public string? ReplyTo { get; init; }
    public required DateTimeOffset SentAt { get; init; }
}
