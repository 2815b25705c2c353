namespace Tapback.Client;

/// <summary>The optional parts of a send.</summary>
public sealed record SendOptions
{
    /// <summary>The send's key: the same key again sends nothing new and hears the first outcome. A new one when not given.</summary>
    public string? ClientMessageId { get; init; }

    /// <summary>A message of the same chat to answer inline (a threaded reply), where the transport can.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>A bubble or screen effect: <c>slam</c>, <c>loud</c>, <c>gentle</c>, <c>invisible_ink</c>, <c>confetti</c>, …</summary>
    public string? Effect { get; init; }

    /// <summary>Send later (at most 14 days ahead); <c>message.sent</c> comes when it went.</summary>
    public DateTimeOffset? SendAt { get; init; }

    /// <summary>Uploaded files to attach (<see cref="TapbackAgentClient.UploadAsync"/>).</summary>
    public IReadOnlyList<string>? AttachmentIds { get; init; }
}
