using Tapback.Gateway.Transports;
using Tapback.Messaging;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// Sends whose outcome is unknown, and pacing. A bubble that may or may not have reached the provider
/// is sent again only where the provider drops repeats by key; where the provider can be asked, the
/// outbox asks (a few times, as the provider may be slow to list it); otherwise it reports.
/// </summary>
internal sealed partial class OutboxDispatcher
{
    /// <summary>The key prefix of the gateway's STOP/START confirmations, which go out to an opted-out handle.</summary>
    private const string OptOutConfirmationPrefix = "optout:";

    private const string OptedOutError = "The recipient texted STOP and gets no messages until they text START.";

    private const int MaxReconcileAttempts = 5;

    private static readonly TimeSpan FirstReconcileDelay = TimeSpan.FromSeconds(5);

    private OutboxRecovery RecoveryOf(string transportName)
    {
        if (!transports.TryGet(transportName, out var transport))
        {
            return OutboxRecovery.Report;
        }

        return transport.Capabilities.IdempotentSends ? OutboxRecovery.SendAgain
            : transport is IReconcilingTransport ? OutboxRecovery.Reconcile
            : OutboxRecovery.Report;
    }

    /// <summary>
    /// Returns false when the conversation must wait (the row is parked for reconciliation). Tries
    /// count here as anywhere: a send that keeps ending unknown stops at <see cref="OutboxOptions.MaxAttempts"/>.
    /// </summary>
    private async Task<bool> SettleUnknownAsync(OutboxRow row, IMessageTransport transport, TransportException exception)
    {
        var error = exception.Message;
        var lastTry = row.Attempts + 1 >= options.Value.MaxAttempts;
        switch (RecoveryOf(transport.Name))
        {
            case OutboxRecovery.SendAgain when lastTry:
                LogUnknown(logger, row.Id, row.Transport, error);
                await store.MarkUnknownAsync(row, $"Tried {row.Attempts + 1} times; the outcome of the last try is unknown ({error}), so it may or may not have arrived.", CancellationToken.None);
                return true;
            case OutboxRecovery.SendAgain:
                var retryAfter = exception.RetryAfter ?? Backoff((int)row.Attempts + 1);
                LogRetrying(logger, row.Id, row.Kind, row.Transport, retryAfter, error);
                await store.ScheduleRetryAsync(row, Time.GetUtcNow() + retryAfter, error, CancellationToken.None);
                signal.Notify();
                return false;
            case OutboxRecovery.Reconcile:
                // Asked after the backoff a resend would wait anyway (at least FirstReconcileDelay):
                // a provider error that lasts is not hammered every few seconds.
                var wait = Max(FirstReconcileDelay, exception.RetryAfter ?? Backoff((int)row.Attempts + 1));
                LogReconciling(logger, row.Id, row.Transport, error);
                await store.MarkReconcilingAsync(row, Time.GetUtcNow() + wait, error, countAttempt: false, CancellationToken.None);
                signal.Notify();
                return false;
            default:
                LogUnknown(logger, row.Id, row.Transport, error);
                await store.MarkUnknownAsync(row, $"The outcome of this send is unknown ({error}); it was not sent again, so it may or may not have arrived.", CancellationToken.None);
                return true;
        }
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;

    /// <summary>
    /// Asks the provider about a parked send. Returns true when the row should now be sent (the
    /// provider never saw it); false when it is settled (sent, failed after its last try, or
    /// reported unknown: the conversation goes on) or parked again (the conversation waits).
    /// </summary>
    private async Task<bool> ReconcileAsync(OutboxRow row, IMessageTransport transport, SendMessageAction action, CancellationToken cancellationToken)
    {
        var answer = transport is IReconcilingTransport reconciling
            ? await reconciling.ReconcileAsync(action, DateTimeOffset.FromUnixTimeMilliseconds(row.AttemptedAt ?? 0), cancellationToken)
            : SendReconciliation.Unknown;
        switch (answer.Outcome)
        {
            case SendReconciliationOutcome.Sent:
                LogReconciled(logger, row.Id, row.Transport, "sent");
                await MarkDoneAsync(row, answer.ProviderMessageId);
                signal.Notify();
                return false;
            case SendReconciliationOutcome.NotSent when row.Attempts >= options.Value.MaxAttempts:
                // The provider kept answering with an error and never sent it: the send ends here, with its words.
                var reason = $"Not sent after {row.Attempts} tries: {row.LastError ?? "the provider did not send it."}";
                LogFailed(logger, row.Id, row.Kind, row.Transport, reason);
                await store.MarkFailedAsync(row, reason, CancellationToken.None);
                signal.Notify();
                return false;
            case SendReconciliationOutcome.NotSent:
                var resendAt = DateTimeOffset.FromUnixTimeMilliseconds(row.AttemptedAt ?? 0) + Backoff((int)row.Attempts);
                if (resendAt > Time.GetUtcNow())
                {
                    await store.ScheduleRetryAsync(row, resendAt, row.LastError ?? "Not sent yet.", CancellationToken.None);
                    signal.Notify();
                    return false;
                }

                LogReconciled(logger, row.Id, row.Transport, "not sent; sending it now");
                return await store.MarkNotSentAsync(row, cancellationToken);
            default:
                if (row.ReconcileAttempts + 1 < MaxReconcileAttempts)
                {
                    var wait = FirstReconcileDelay * Math.Pow(2, row.ReconcileAttempts + 1);
                    await store.MarkReconcilingAsync(row, Time.GetUtcNow() + wait, reason: null, countAttempt: true, CancellationToken.None);
                    signal.Notify();
                    return false;
                }

                LogUnknown(logger, row.Id, row.Transport, "the provider could not say whether it was sent");
                await store.MarkUnknownAsync(row, "The provider could not say whether this message was sent; it was not sent again, so it may or may not have arrived.", CancellationToken.None);
                signal.Notify();
                return false;
        }
    }

    /// <summary>False when the gateway number has sent its limit: the row waits in the outbox until a place frees.</summary>
    private async Task<bool> TakePlaceInPaceAsync(OutboxRow row, IMessageTransport transport, CancellationToken cancellationToken)
    {
        var limits = pacing.For(transport);
        if (limits.IsUnlimited)
        {
            return true;
        }

        var number = transport is ISenderNumbers numbers ? await numbers.SenderNumberAsync(row.ChatId, cancellationToken) : null;
        var pacingKey = number is null ? transport.Name : $"{transport.Name}:{number}";
        var freeAt = await pacingStore.TryReserveAsync(pacingKey, limits, cancellationToken);
        if (freeAt is not { } later)
        {
            return true;
        }

        LogPaced(logger, row.Id, transport.Name, later - Time.GetUtcNow());
        await store.ScheduleRetryAsync(row, later, $"Paced: the gateway number reached its limit (Tapback:Transports:{transport.Name}:Pacing); sending at {later:O}.", CancellationToken.None);
        signal.Notify();
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowId} on {Transport} may or may not have been sent ({Error}); asking the provider before anything else.")]
    private static partial void LogReconciling(ILogger logger, long rowId, string transport, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox row {RowId} on {Transport} reconciled: {Outcome}.")]
    private static partial void LogReconciled(ILogger logger, long rowId, string transport, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowId} on {Transport} has an unknown outcome ({Error}); reported, not sent again.")]
    private static partial void LogUnknown(ILogger logger, long rowId, string transport, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowId} waits {Wait}: {Transport}'s number reached its pace limit.")]
    private static partial void LogPaced(ILogger logger, long rowId, string transport, TimeSpan wait);
}
