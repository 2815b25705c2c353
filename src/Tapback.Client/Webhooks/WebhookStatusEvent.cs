namespace Tapback.Client;

/// <summary><c>message.sent</c>, <c>message.failed</c>, <c>message.delivered</c>, <c>message.read</c>: a message the integration sent.</summary>
public sealed record WebhookStatusEvent : WebhookEvent
{
    /// <summary>The message.</summary>
    public required string MessageId { get; init; }

    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The recipient.</summary>
    public string? To { get; init; }

    /// <summary>The text.</summary>
    public string? Body { get; init; }

    /// <summary>The send's key.</summary>
    public string? ClientMessageId { get; init; }

    /// <summary>Why it failed (<c>message.failed</c>).</summary>
    public string? Error { get; init; }

    /// <summary><c>edit</c> or <c>unsend</c> when what failed was a change, not a send.</summary>
    public string? Operation { get; init; }
}
