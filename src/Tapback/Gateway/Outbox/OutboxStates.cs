namespace Tapback.Gateway.Outbox;

/// <summary>
/// The <c>outbox.state</c> values: open while queued, in flight or reconciling; ended as done, failed,
/// unknown or cancelled. A scheduled row is neither: it waits for its time without holding its
/// conversation back, then becomes queued behind what the conversation queued meanwhile.
/// </summary>
internal static class OutboxStates
{
    public const string Queued = "queued";

    /// <summary>A send due later (<c>send_at</c>): not claimable and not open until it is due (<see cref="OutboxStore.PromoteDueAsync"/>).</summary>
    public const string Scheduled = "scheduled";

    /// <summary>Handed to the transport: from here a crash leaves the outcome unknown.</summary>
    public const string InFlight = "in_flight";

    /// <summary>A send whose outcome the provider must be asked about; its conversation waits behind it.</summary>
    public const string Reconciling = "reconciling";

    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>Given up on knowing whether it was sent; never sent again.</summary>
    public const string Unknown = "unknown";

    /// <summary>A scheduled or queued send the agent took back before it was handed to the transport.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>
    /// A send the send governor (Gateway/Governor) holds back, with its reason in <c>held_reason</c>:
    /// open, so nothing its conversation queued after it overtakes it, but not claimable until it is
    /// released (by the person's next message, its <c>release_at</c>, or an operator).
    /// </summary>
    public const string Held = "held";

    /// <summary>The states a send may still be cancelled or rewritten in, as an SQL list: not yet handed to the transport.</summary>
    public const string NotYetSent = $"'{Scheduled}', '{Queued}', '{Held}'";

    /// <summary>The states a worker may claim, as an SQL list: <c>state IN ({Claimable})</c>.</summary>
    public const string Claimable = $"'{Queued}', '{Reconciling}'";

    /// <summary>The states that hold their conversation's later rows back, as an SQL list (the partial indexes' predicate).</summary>
    public const string Open = $"'{Queued}', '{InFlight}', '{Reconciling}', '{Held}'";
}
