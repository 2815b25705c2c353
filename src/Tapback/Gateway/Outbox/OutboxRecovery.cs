namespace Tapback.Gateway.Outbox;

/// <summary>What may be done with a send whose outcome is unknown, by what its transport can do.</summary>
internal enum OutboxRecovery
{
    /// <summary>The provider drops a repeat with the same key: send again.</summary>
    SendAgain,

    /// <summary>The provider can be asked whether it has the send.</summary>
    Reconcile,

    /// <summary>Neither: report the outcome as unknown, never send twice.</summary>
    Report,
}
