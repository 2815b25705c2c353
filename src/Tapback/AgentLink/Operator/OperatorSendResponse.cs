namespace Tapback.AgentLink.Operator;

/// <summary>The operator's reply, queued: its message ids (one per bubble) and whether the key was seen before.</summary>
internal sealed record OperatorSendResponse
{
    public required string ConversationId { get; init; }
    public required IReadOnlyList<string> MessageIds { get; init; }

    /// <summary><c>queued</c>; the conversation's history shows it sent, delivered and read as it goes.</summary>
    public required string Status { get; init; }

    /// <summary>True when the same Idempotency-Key and text came before: nothing new was sent.</summary>
    public required bool Duplicate { get; init; }
}
