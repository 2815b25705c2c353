using Tapback.Gateway.Outbox;

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

    /// <summary>When to send: null sends now; a time later waits in the outbox until then (<see cref="SendSchedule"/>).</summary>
    public DateTimeOffset? SendAt { get; init; }

    /// <summary>Fetched files may come from loopback and private addresses (Tapback:Rest:AllowPrivateAttachmentUrls).</summary>
    public bool AllowPrivateFileUrls { get; init; }
}
