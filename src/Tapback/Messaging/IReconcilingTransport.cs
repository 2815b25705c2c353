namespace Tapback.Messaging;

/// <summary>
/// A transport whose provider can say whether a send went out (a status or message query), so a send
/// whose outcome is unknown (a crash mid-send, a timeout) is reconciled instead of repeated.
/// </summary>
internal interface IReconcilingTransport
{
    /// <summary>
    /// Looks the send up at the provider, by its idempotency key or by its chat, text and time.
    /// Answers <see cref="SendReconciliation.Unknown"/> when the provider cannot tell.
    /// </summary>
    Task<SendReconciliation> ReconcileAsync(SendMessageAction action, DateTimeOffset attemptedAt, CancellationToken cancellationToken = default);
}
