namespace Tapback.Messaging;

/// <summary>
/// One side effect the outbox asks a transport to carry out. <see cref="IdempotencyKey"/> is stable
/// across retries, so a transport (or the provider behind it) can drop a repeat.
/// </summary>
internal abstract record OutboundAction
{
    public required string IdempotencyKey { get; init; }
    public required string ChatId { get; init; }
}

/// <summary>Send a bubble of text (and files) to a chat.</summary>
internal sealed record SendMessageAction : OutboundAction
{
    public required string MessageId { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<OutboundAttachment> Attachments { get; init; } = [];
}

/// <summary>Show or hide the typing indicator in a chat.</summary>
internal sealed record SetTypingAction : OutboundAction
{
    public required bool On { get; init; }
}

/// <summary>Mark the chat read up to a message.</summary>
internal sealed record MarkReadAction : OutboundAction
{
    public required string MessageId { get; init; }
}

/// <summary>Put a tapback on a message, or take it off.</summary>
internal sealed record ReactAction : OutboundAction
{
    public required string MessageId { get; init; }
    public required ReactionType Reaction { get; init; }
    public bool Remove { get; init; }
}
