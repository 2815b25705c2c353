namespace Tapback.Client;

/// <summary>
/// <c>message.failed</c>: a send failed for good; with <see cref="Operation"/> <c>edit</c> or
/// <c>unsend</c>, the agent's edit or unsend of a sent message was not carried out.
/// </summary>
public sealed record MessageFailedEvent : TapbackEvent
{
    /// <summary>The conversation.</summary>
    public required string ChatId { get; init; }

    /// <summary>Why.</summary>
    public required string Error { get; init; }

    /// <summary>The message's id, when one was made.</summary>
    public string? MessageId { get; init; }

    /// <summary>The send's <c>clientMessageId</c>.</summary>
    public string? ClientMessageId { get; init; }

    /// <summary><c>edit</c> or <c>unsend</c> when what failed was a change, not a send.</summary>
    public string? Operation { get; init; }
}
