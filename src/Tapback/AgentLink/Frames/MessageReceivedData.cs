namespace Tapback.AgentLink.Frames;

/// <summary><c>message.received</c>: a message the phone sent.</summary>
internal sealed record MessageReceivedData(
    string MessageId, string ChatId, string? ChatName, string From, IReadOnlyList<MessagePart> Parts, DateTimeOffset SentAt)
{
    /// <summary>(extension) The message this one answers inline (a thread reply), when the transport said.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>(extension) The bubble or screen effect it was sent with (MessageEffects' wire name).</summary>
    public string? Effect { get; init; }

    /// <summary>(extension) <c>iMessage</c> or <c>SMS</c>, when the transport said.</summary>
    public string? Service { get; init; }

    /// <summary>(extension) When the person last edited it; <c>parts</c> hold the latest text.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>(extension) When the person unsent it; its text and files are no longer given.</summary>
    public DateTimeOffset? UnsentAt { get; init; }
}
