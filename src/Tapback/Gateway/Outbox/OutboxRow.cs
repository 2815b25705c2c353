namespace Tapback.Gateway.Outbox;

/// <summary>One leased outbox row, as the dispatcher carries it out.</summary>
internal sealed record OutboxRow
{
    public required long Id { get; init; }

    /// <summary>
    /// The claim that leased it (<see cref="Nodes.NodeIdentity.NewLeaseOwner"/>): every change the
    /// dispatcher makes to the row names it, and does nothing once another claim holds the row.
    /// </summary>
    public string LeaseOwner { get; init; } = string.Empty;
    public required string IdempotencyKey { get; init; }
    public required string Transport { get; init; }
    public required string ConversationId { get; init; }
    public required string ChatId { get; init; }
    public required string Kind { get; init; }
    public string? MessageId { get; init; }
    public required string Payload { get; init; }
    public required long DelayMs { get; init; }
    public required long Attempts { get; init; }

    /// <summary><c>queued</c>, or <c>reconciling</c> for a send whose outcome the provider must be asked about.</summary>
    public string State { get; init; } = OutboxStates.Queued;

    /// <summary>When the last send was handed to the transport (epoch ms), for reconciling it.</summary>
    public long? AttemptedAt { get; init; }

    public long ReconcileAttempts { get; init; }

    /// <summary>
    /// The send governor does not judge it: the gateway's own message (a pairing reply, a STOP
    /// confirmation), an operator's reply, or a held send an operator released.
    /// </summary>
    public bool GovernorExempt { get; init; }

    /// <summary>Why the last try did not finish (the provider's own words where it gave any).</summary>
    public string? LastError { get; init; }
}
