namespace Tapback.Client;

/// <summary>
/// A send the gateway took: sent (<c>message.sent</c>), or held by the send governor
/// (<c>message.held</c>, <see cref="HeldReason"/> set). A held message goes later or fails; its
/// <see cref="MessageSentEvent"/> or <see cref="MessageFailedEvent"/> comes with the events then.
/// </summary>
public sealed record SendResult(string MessageId, string ChatId, string ClientMessageId)
{
    /// <summary>Why the governor holds it (<c>unanswered_limit</c>, <c>conversation_paused</c>, …); null once sent.</summary>
    public string? HeldReason { get; init; }

    /// <summary>True while the governor holds it: not sent yet.</summary>
    public bool Held => HeldReason is not null;
}
