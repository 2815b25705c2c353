using Tapback.Gateway.Outbox;
using Tapback.Messaging;

namespace Tapback.Gateway.Actions;

/// <summary>Send text and files into a chat, as one message or as paced bubbles.</summary>
internal sealed record SendCommand
{
    public required ChatRef Chat { get; init; }

    public string Text { get; init; } = string.Empty;

    public IReadOnlyList<SendFile> Files { get; init; } = [];

    /// <summary>Null sends the text as given; a pace turns markdown into plain bubbles sent a beat apart.</summary>
    public BubblePace? Split { get; init; }

    /// <summary>The caller's key: the same key and request again returns the first result; another request is a conflict.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The caller's own id for the message, echoed in <c>message.sent</c> / <c>message.failed</c>.</summary>
    public string? ClientMessageId { get; init; }

    /// <summary>
    /// Tapback's id of a message in the same chat to answer inline (a threaded reply); null for none.
    /// Every bubble of a split send answers it (see <see cref="AgentActions"/>).
    /// </summary>
    public string? ReplyTo { get; init; }

    /// <summary>The bubble or screen effect to send with; on a split send, the first bubble's.</summary>
    public MessageEffect? Effect { get; init; }

    /// <summary>Attach the agent's contact card (a vCard of its bot name and the number it texts from), after the files.</summary>
    public bool ContactCard { get; init; }

    /// <summary>When to send: null sends now; a time later waits in the outbox until then (<see cref="SendSchedule"/>).</summary>
    public DateTimeOffset? SendAt { get; init; }

    /// <summary>Fetched files may come from loopback and private addresses (Tapback:Rest:AllowPrivateAttachmentUrls).</summary>
    public bool AllowPrivateFileUrls { get; init; }
}
