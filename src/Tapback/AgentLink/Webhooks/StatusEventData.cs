namespace Tapback.AgentLink.Webhooks;

/// <summary><c>data</c> of <c>message.sent</c>, <c>message.delivered</c>, <c>message.read</c>, <c>message.failed</c>.</summary>
internal sealed record StatusEventData
{
    public required string MessageId { get; init; }
    public required string ConversationId { get; init; }

    /// <summary>The handle the message went to.</summary>
    public string? To { get; init; }

    public string? Body { get; init; }

    /// <summary>The sender's own id of the message, when it gave one.</summary>
    public string? ClientMessageId { get; init; }

    /// <summary>Why it failed (<c>message.failed</c> only).</summary>
    public string? Error { get; init; }

    /// <summary>(<c>message.failed</c> only) <c>edit</c> or <c>unsend</c> when what failed was a change to the sent message, not its send.</summary>
    public string? Operation { get; init; }
}
