using System.Text.Json;
using Microsoft.Extensions.Options;
using Tapback.Diagnostics;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Nodes;
using Tapback.Gateway.OptOut;
using Tapback.Gateway.Outbox.Pacing;
using Tapback.Gateway.Transports;
using Tapback.Messaging;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// Carries out outbox rows through their transports, one conversation's rows in order, pausing each
/// row's delay after the previous one (the beat between bubbles), and retrying with backoff.
/// </summary>
internal sealed partial class OutboxDispatcher(
    OutboxStore store,
    TransportRegistry transports,
    OptOutStore optOuts,
    PacingPolicy pacing,
    PacingStore pacingStore,
    Governor.SendGovernor governor,
    AttachmentReader attachments,
    Inbox.Inbox inbox,
    OutboxSignal signal,
    IJitter jitter,
    TapbackMetrics metrics,
    IOptions<OutboxOptions> options,
    NodeIdentity node,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
    : LeasedWorkerService<IReadOnlyList<OutboxRow>>(signal, node, time, logger)
{
    private DateTimeOffset _nextRecoveryAt = DateTimeOffset.MinValue;

    // Touched only by the claiming loop (and by StopAsync after the loop ended).
    private readonly Queue<IReadOnlyList<OutboxRow>> _claimed = new();

    protected override async Task OnStartingAsync(CancellationToken cancellationToken)
    {
        var (requeued, reconciling, unknown) = await store.RecoverAfterRestartAsync(RecoveryOf, cancellationToken);
        if (requeued + reconciling + unknown > 0)
        {
            LogRecovered(logger, requeued, reconciling, unknown);
        }
    }

    protected override async Task<IReadOnlyList<OutboxRow>?> ClaimAsync(CancellationToken cancellationToken)
    {
        // On a shared store a node that died mid-send leaves rows in flight under a lease that runs
        // out; the start-up recovery runs again each lease period so another node settles them.
        if (store.IsShared && Time.GetUtcNow() >= _nextRecoveryAt)
        {
            _nextRecoveryAt = Time.GetUtcNow() + options.Value.Lease / 4;
            await OnStartingAsync(cancellationToken);
        }

        // One claim fills every free place (one look and one write for all of them); the loop takes the
        // rest from here at once, since it asks again while it has places.
        if (_claimed.Count == 0)
        {
            foreach (var rows in await store.ClaimManyAsync(NewLeaseOwner(), options.Value.Lease, FreeSlots, cancellationToken))
            {
                _claimed.Enqueue(rows);
            }
        }

        return _claimed.TryDequeue(out var next) ? next : null;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Batches claimed but not started (the loop stopped in between) go back at once rather than when their lease ends.
        while (_claimed.TryDequeue(out var rows))
        {
            await store.ReleaseAsync(rows[0].ConversationId, rows[0].LeaseOwner, CancellationToken.None);
        }
    }

    protected override async Task ProcessAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var finished = false;
        var run = new StoreRun();
        try
        {
            foreach (var row in rows)
            {
                if (!await CarryOutAsync(row, run, cancellationToken))
                {
                    return;
                }
            }

            finished = await FlushAsync(run, cancellationToken);
        }
        finally
        {
            run.Dispose();

            // Whatever this worker did not reach goes back to the store for the next claim (rows of a
            // run not written are still queued: nothing of them went out). When it reached every row,
            // each one is done or failed and holds no lease: nothing to give back.
            if (!finished)
            {
                await store.ReleaseAsync(rows[0].ConversationId, rows[0].LeaseOwner, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Returns false when the conversation must wait (a retry is scheduled for this row). A row its
    /// transport writes into the store joins <paramref name="run"/>, written with the rows before it;
    /// anything else this row does first writes the run, so every row's effects keep their order.
    /// </summary>
    private async Task<bool> CarryOutAsync(OutboxRow row, StoreRun run, CancellationToken cancellationToken)
    {
        if (row.DelayMs > 0 && row.Attempts == 0)
        {
            // The beat between bubbles starts once what came before it shows.
            if (!await FlushAsync(run, cancellationToken))
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(row.DelayMs), Time, cancellationToken);
        }

        if (!transports.TryGet(row.Transport, out var transport))
        {
            if (!await FlushAsync(run, cancellationToken))
            {
                return false;
            }

            await store.MarkFailedAsync(row, $"No transport is named '{row.Transport}' any more.", CancellationToken.None);
            return true;
        }

        // Someone who texted STOP gets nothing more from any agent; only the gateway's own confirmation
        // goes out. A row written into the store is checked in that write (no read of its own: a pooled
        // read after the writer's last commit reads its pages again), and a message there again before
        // the governor holds it (a STOP fails it, it is not held); any other row is checked here.
        var inStore = StoreTransportFor(row, transport);
        var checksOptOut = !row.IdempotencyKey.StartsWith(OptOutConfirmationPrefix, StringComparison.Ordinal);
        if (checksOptOut && inStore is null && await FailOptedOutAsync(row, run, cancellationToken) is { } stopped)
        {
            return stopped;
        }

        var action = await ToActionAsync(row, cancellationToken);
        var send = inStore is null ? null : await inStore.PrepareAsync(action, cancellationToken);
        if (send is null)
        {
            // Not written into the store after all (an edit the phone must show first): checked as any other row.
            if (checksOptOut && inStore is not null && row.Kind == OutboxKinds.Message && await FailOptedOutAsync(row, run, cancellationToken) is { } refused)
            {
                return refused;
            }

            return await FlushAsync(run, cancellationToken) && await SendAsync(row, transport, action, cancellationToken);
        }

        // One message a run: the governor's verdict keeps the number's turn until the send is counted,
        // and the next message on that number is judged after this one's count committed.
        if (row.Kind == OutboxKinds.Message && run.HasMessage && !await FlushAsync(run, cancellationToken))
        {
            return false;
        }

        var verdict = await governor.JudgeAsync(row, cancellationToken);
        if (verdict.Hold is { } hold)
        {
            using (verdict)
            {
                if (checksOptOut && await FailOptedOutAsync(row, run, cancellationToken) is { } failed)
                {
                    return failed;
                }

                if (await FlushAsync(run, cancellationToken) && await store.HoldAsync(row, hold, CancellationToken.None))
                {
                    LogHeld(logger, row.Id, row.Transport, hold.Reason);
                }
            }

            return false;
        }

        run.Add(new StoreCarryOut(row, send, verdict.Tally, checksOptOut), verdict);
        return true;
    }

    /// <summary>
    /// Ends the row failed when the person texted STOP: true when it did (the conversation goes on),
    /// false when the rows before it could not be written (the conversation waits), null when no STOP.
    /// </summary>
    private async Task<bool?> FailOptedOutAsync(OutboxRow row, StoreRun run, CancellationToken cancellationToken)
    {
        if (!await optOuts.IsConversationOptedOutAsync(row.ConversationId, cancellationToken))
        {
            return null;
        }

        if (!await FlushAsync(run, cancellationToken))
        {
            return false;
        }

        await store.MarkFailedAsync(row, OptedOutError, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// The transport as one that writes into the store, when this row may go that way: a queued row (a
    /// parked one is asked about first) on a transport with no pace limit (a place in the pace is a
    /// write of its own, which may send the row back to wait).
    /// </summary>
    private IStoreTransport? StoreTransportFor(OutboxRow row, IMessageTransport transport) =>
        transport is IStoreTransport inStore && row.State == OutboxStates.Queued && pacing.For(transport).IsUnlimited ? inStore : null;

    /// <summary>Writes the run's rows in one write; false when the claim no longer held one of them (the rest is left too).</summary>
    private async Task<bool> FlushAsync(StoreRun run, CancellationToken cancellationToken)
    {
        if (run.Count == 0)
        {
            return true;
        }

        try
        {
            var results = await store.CarryOutInStoreAsync([.. run.Sends], OptedOutError, cancellationToken);
            for (var index = 0; index < results.Count; index++)
            {
                var row = run.Sends[index].Row;
                switch (results[index])
                {
                    case StoreCarryOutResult.Sent:
                        metrics.OutboxSend(row.Kind, OutboxResults.Sent, row.IdempotencyKey);
                        break;
                    case StoreCarryOutResult.TakenOver:
                        LogTakenOver(logger, row.Id);
                        return false;
                }
            }

            return true;
        }
        finally
        {
            run.Dispose();
        }
    }

    /// <summary>Hands the row to its transport between an in-flight and a done mark. Returns false when the conversation must wait.</summary>
    private async Task<bool> SendAsync(OutboxRow row, IMessageTransport transport, OutboundAction action, CancellationToken cancellationToken)
    {
        if (row.State == OutboxStates.Reconciling && action is SendMessageAction parked)
        {
            if (!await ReconcileAsync(row, transport, parked, cancellationToken))
            {
                return false;
            }

            // The provider never saw it, and the row is queued again under this claim.
            row = row with { State = OutboxStates.Queued };
        }

        // The governor holds what would hurt the number (docs/governor.md) before the send takes a place
        // in the pace: pacing delays, the governor holds. A held row keeps its conversation waiting.
        // The verdict keeps the number's turn until the send is counted (marked in flight) or held.
        using (var verdict = await governor.JudgeAsync(row, cancellationToken))
        {
            if (verdict.Hold is { } hold)
            {
                if (await store.HoldAsync(row, hold, CancellationToken.None))
                {
                    LogHeld(logger, row.Id, row.Transport, hold.Reason);
                }

                return false;
            }

            // Every send takes its place in the pace limit, a resend after reconciliation too.
            if (action is SendMessageAction && !await TakePlaceInPaceAsync(row, transport, cancellationToken))
            {
                return false;
            }

            if (!await store.MarkInFlightAsync(row, verdict.Tally is { } tally ? tally.RecordAsync : null, cancellationToken))
            {
                // Another claim took the row over after this one's lease ran out (it owns the rest too), or
                // the row changed since this claim read it: this copy is stale and must not be sent.
                LogTakenOver(logger, row.Id);
                return false;
            }
        }

        string? providerId;
        try
        {
            providerId = await transport.ExecuteAsync(action, cancellationToken);
        }
        catch (TransportException exception) when (exception.OutcomeUnknown && action is SendMessageAction)
        {
            metrics.OutboxSend(row.Kind, OutboxResults.Unknown, row.IdempotencyKey);
            return await SettleUnknownAsync(row, transport, exception);
        }
        catch (TransportException exception) when (!exception.Retryable || row.Attempts + 1 >= options.Value.MaxAttempts)
        {
            metrics.OutboxSend(row.Kind, OutboxResults.Failed, row.IdempotencyKey);
            LogFailed(logger, row.Id, row.Kind, row.Transport, exception.Message);
            await store.MarkFailedAsync(row, exception.Message, CancellationToken.None);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var retryAfter = (exception as TransportException)?.RetryAfter ?? Backoff((int)row.Attempts + 1);
            metrics.OutboxSend(row.Kind, OutboxResults.Retry, row.IdempotencyKey);
            LogRetrying(logger, row.Id, row.Kind, row.Transport, retryAfter, exception.Message);
            await store.ScheduleRetryAsync(row, Time.GetUtcNow() + retryAfter, exception.Message, CancellationToken.None);
            signal.Notify();
            return false;
        }

        // Carried out: nothing from here on may schedule it again. A mark that fails leaves the row in
        // flight, which recovery settles like a crash after the send (never a blind resend).
        metrics.OutboxSend(row.Kind, OutboxResults.Sent, row.IdempotencyKey);
        await MarkDoneAsync(row, providerId);
        return true;
    }

    /// <summary>Records the row sent; reports that came before its provider id was known apply now.</summary>
    private async Task MarkDoneAsync(OutboxRow row, string? providerId)
    {
        await store.MarkDoneAsync(row, providerId, CancellationToken.None);
        if (providerId is not null && row.Kind == OutboxKinds.Message)
        {
            try
            {
                await inbox.ApplyKeptStatusesAsync(row.Transport, providerId, CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The send is done either way; its early reports stay kept until they expire.
                LogKeptReportsNotApplied(logger, exception, row.Id);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var settings = options.Value;
        var exponential = settings.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        // Full jitter in the upper half keeps retries of many rows from marching in step.
        return TimeSpan.FromMilliseconds((capped / 2) + (jitter.NextDouble() * capped / 2));
    }

    private async Task<OutboundAction> ToActionAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize(row.Payload, OutboxJsonContext.Wire.OutboxPayload)
            ?? throw new InvalidOperationException($"Outbox row {row.Id} has no payload.");
        var files = new List<OutboundAttachment>();
        foreach (var attachmentId in payload.AttachmentIds ?? [])
        {
            var file = await attachments.FindAsync(attachmentId, cancellationToken)
                ?? throw new TransportException($"Outbox row {row.Id} names attachment '{attachmentId}', which is not stored.", retryable: false);
            files.Add(new OutboundAttachment { AttachmentId = attachmentId, FileName = file.FileName, ContentType = file.ContentType, Path = file.Path });
        }

        return OutboundActions.Of(row, payload, files);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "After a restart, {Requeued} outbox rows were queued again (safe to repeat), {Reconciling} will be checked with their provider, and {Unknown} were reported with an unknown outcome.")]
    private static partial void LogRecovered(ILogger logger, int requeued, int reconciling, int unknown);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowId} was sent, but the delivery reports kept for it could not be applied; they stay kept until they expire.")]
    private static partial void LogKeptReportsNotApplied(ILogger logger, Exception exception, long rowId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowId} was not sent by this worker: its lease ran out while it worked, and the row was taken over or settled since. The worker leaves its conversation to the row's holder.")]
    private static partial void LogTakenOver(ILogger logger, long rowId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox row {RowId} on {Transport} is held by the send governor ({Reason}); GET /api/admin/held lists it.")]
    private static partial void LogHeld(ILogger logger, long rowId, string transport, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowId} ({Kind}) on {Transport} failed for good: {Error}")]
    private static partial void LogFailed(ILogger logger, long rowId, string kind, string transport, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowId} ({Kind}) on {Transport} will be tried again in {RetryAfter}: {Error}")]
    private static partial void LogRetrying(ILogger logger, long rowId, string kind, string transport, TimeSpan retryAfter, string error);
}
