namespace Tapback.AgentLink.Frames;

/// <summary><c>send_message</c>.</summary>
internal sealed record SendMessageData
{
    public string? ChatId { get; init; }
    public IReadOnlyList<MessagePart>? Parts { get; init; }
    public string? ClientMessageId { get; init; }

    /// <summary>Tapback extension: a message id of the same chat to answer inline (a threaded reply).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Tapback extension: a bubble or screen effect by its wire name (<c>slam</c>, <c>confetti</c>, …).</summary>
    public string? Effect { get; init; }

    /// <summary>(extension) When to send, RFC 3339 with its offset; omitted sends now.</summary>
    public string? SendAt { get; init; }
}
