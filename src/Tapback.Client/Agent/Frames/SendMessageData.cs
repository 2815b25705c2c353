namespace Tapback.Client;

/// <summary><c>send_message</c>.</summary>
internal sealed record SendMessageData
{
    public string? ChatId { get; init; }

    public required IReadOnlyList<MessagePart> Parts { get; init; }

    public required string ClientMessageId { get; init; }

    public string? ReplyTo { get; init; }

    public string? Effect { get; init; }

    public DateTimeOffset? SendAt { get; init; }
}
