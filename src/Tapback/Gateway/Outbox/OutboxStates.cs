namespace Tapback.Gateway.Outbox;

/// <summary>The <c>outbox.state</c> values: open while queued, in flight or reconciling; ended as done, failed or unknown.</summary>
internal static class OutboxStates
{
    public const string Queued = "queued";

    /// <summary>Handed to the transport: from here a crash leaves the outcome unknown.</summary>
    public const string InFlight = "in_flight";

    /// <summary>A send whose outcome the provider must be asked about; its conversation waits behind it.</summary>
    public const string Reconciling = "reconciling";

    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>Given up on knowing whether it was sent; never sent again.</summary>
    public const string Unknown = "unknown";

    /// <summary>The states a worker may claim, as an SQL list: <c>state IN ({Claimable})</c>.</summary>
    public const string Claimable = $"'{Queued}', '{Reconciling}'";

    /// <summary>The states that hold their conversation's later rows back, as an SQL list (the partial indexes' predicate).</summary>
    public const string Open = $"'{Queued}', '{InFlight}', '{Reconciling}'";
}
