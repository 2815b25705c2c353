using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Messaging;

namespace Tapback.Gateway.Inbox;

/// <summary>A message a transport received, already normalised (handles in E.164 or lower-case email).</summary>
internal sealed record InboundMessage
{
    public required string Transport { get; init; }

    /// <summary>The transport's own id for this event: the dedupe key.</summary>
    public required string EventId { get; init; }

    /// <summary>The transport's chat id; for a one-to-one chat on the simulator, the sender's handle.</summary>
    public required string ChatId { get; init; }

    /// <summary>The id to store the message under; a new one when null. A transport that must show the
    /// message before storing it names it first, derived from <see cref="EventId"/> so repeats agree.</summary>
    public string? MessageId { get; init; }

    public required string From { get; init; }

    public required string Text { get; init; }

    public bool IsGroup { get; init; }

    public string? ChatName { get; init; }

    /// <summary>Tapback's id of the message this one replies to inline, when the transport says and knows it.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The bubble or screen effect the person sent it with, when the transport says.</summary>
    public MessageEffect? Effect { get; init; }

    /// <summary>The service it came over (<see cref="MessageServices"/>: iMessage or SMS), when the transport says.</summary>
    public string? Service { get; init; }

    public IReadOnlyList<StoredAttachment> Attachments { get; init; } = [];

    /// <summary>Files the transport could not fetch yet: stored as pending with the message, fetched later (Gateway/Attachments/Pending).</summary>
    public IReadOnlyList<LateFile> LateFiles { get; init; } = [];

    /// <summary>
    /// When the provider says the message was sent, if it says. A message older than the answer
    /// window (a catch-up backlog, an iCloud re-sync) is stored but not given to an agent.
    /// </summary>
    public DateTimeOffset? SentAt { get; init; }
}
