using System.Text.Json.Serialization;

namespace Tapback.Client;

/// <summary>
/// <c>message.received</c>: the phone sent a message; or <c>message.updated</c> (<see cref="IsUpdate"/>):
/// a message received before, again whole, now that a file it waited for has arrived.
/// </summary>
public sealed record MessageReceivedEvent : TapbackEvent
{
    /// <summary>The message's id: drop a repeat by it.</summary>
    public required string MessageId { get; init; }

    /// <summary>The conversation: send back into it.</summary>
    public required string ChatId { get; init; }

    /// <summary>The group's name, when it has one.</summary>
    public string? ChatName { get; init; }

    /// <summary>The sender (E.164 or an email handle).</summary>
    public required string From { get; init; }

    /// <summary>Text and media parts.</summary>
    public IReadOnlyList<MessagePart> Parts { get; init; } = [];

    /// <summary>When the phone sent it.</summary>
    public DateTimeOffset SentAt { get; init; }

    /// <summary>The message this one answers inline (a thread reply).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The bubble or screen effect it came with (<c>slam</c>, <c>confetti</c>, …).</summary>
    public string? Effect { get; init; }

    /// <summary><c>iMessage</c> or <c>SMS</c>, when the transport said.</summary>
    public string? Service { get; init; }

    /// <summary>When the person last edited it; the parts hold the latest text.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>When the person unsent it; its text and files are gone.</summary>
    public DateTimeOffset? UnsentAt { get; init; }

    /// <summary>The text parts, joined with a newline.</summary>
    [JsonIgnore]
    public string Text => string.Join('\n', Parts.Where(part => part.Type == "text" && part.Value is not null).Select(part => part.Value));

    /// <summary>The media parts.</summary>
    [JsonIgnore]
    public IEnumerable<MessagePart> Media => Parts.Where(part => part.Type == "media");

    /// <summary>True for <c>message.updated</c>: replace what you hold for <see cref="MessageId"/>.</summary>
    [JsonIgnore]
    public bool IsUpdate => Type == TapbackEventTypes.MessageUpdated;
}
