using Microsoft.Extensions.Options;
using Tapback.Diagnostics;
using Tapback.Gateway;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Governor.Loops;
using Tapback.Gateway.Nodes;
using Tapback.Gateway.Routing;

namespace Tapback.Agent.Turns;

/// <summary>
/// The built-in agent's link to the gateway: it reads the agent queue in-process, one conversation
/// per worker at a time, and runs a turn for each batch.
/// </summary>
internal sealed partial class BuiltInAgentWorker(
    AgentQueueStore queue,
    AgentQueueSignal signal,
    TurnRunner turns,
    Storage.Database database,
    TapbackMetrics metrics,
    IOptions<AgentOptions> options,
    NodeIdentity node,
    TimeProvider time,
    ILogger<BuiltInAgentWorker> logger)
    : LeasedWorkerService<AgentQueueBatch>(signal, node, time, logger)
{
    // Touched only by the claiming loop (and by StopAsync after the loop ended).
    private readonly Queue<AgentQueueBatch> _claimed = new();

    // Long enough to outlast a slow model call. A dead node's conversations are picked up once its
    // heartbeat is stale (NodeLeases), or after this at the latest.
    private TimeSpan Lease => options.Value.ModelTimeout + TimeSpan.FromMinutes(1);

    // Short, so a conversation is answered soon after its debounce window closes.
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(250);

    protected override async Task<AgentQueueBatch?> ClaimAsync(CancellationToken cancellationToken)
    {
        // One claim fills every free place (one commit for all of them); the loop takes the rest from
        // here at once, since it asks again while it has places.
        if (_claimed.Count == 0)
        {
            // The debounce window stays open while the person types, up to the cap.
            var settings = options.Value;
            foreach (var batch in await queue.ClaimAsync(AgentLinks.BuiltIn, NewLeaseOwner(), Lease, settings.DebounceWindow, FreeSlots, settings.TypingWaitCap, cancellationToken))
            {
                _claimed.Enqueue(batch);
            }
        }

        return _claimed.TryDequeue(out var next) ? next : null;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Batches claimed but not started (the loop stopped in between) go back at once rather than when their lease ends.
        while (_claimed.TryDequeue(out var batch))
        {
            await queue.ReleaseAsync(batch, CancellationToken.None);
        }
    }

    protected override async Task ProcessAsync(AgentQueueBatch batch, CancellationToken cancellationToken)
    {
        // The loop breaker paused the conversation: the messages stay stored (the next turn after a
        // resume reads them in its history) and are answered by no one until an operator resumes it.
        // The turn's reads share one connection and snapshot (TurnReads), this first look included.
        // The pause is asked with the rest of what a turn reads first (TurnStart), in one statement.
        await using var reads = new TurnReads(database);
        var start = await TurnStart.ReadAsync(reads, batch.ConversationId, cancellationToken);
        if (start.Paused)
        {
            await reads.ReleaseAsync();
            await queue.CompleteAsync(batch.Items.Select(item => item.Seq), cancellationToken);
            LogPaused(logger, batch.ConversationId, batch.Items.Count);
            return;
        }

        using var turn = metrics.TurnStarting(batch, cancellationToken);
        try
        {
            await turns.RunAsync(batch, start, reads, cancellationToken);
            turn.Complete();
        }
        catch (Exception exception)
        {
            if (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogTurnFailed(logger, batch.ConversationId, exception);
            }

            // The rows go back for another try. A turn that returned completed every row of its batch
            // in its last transaction, so releasing then would be one more write lock for nothing.
            await reads.ReleaseAsync();
            await queue.ReleaseAsync(batch, CancellationToken.None);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The built-in agent takes no turn in {ConversationId}: the loop breaker paused it ({Count} event(s) read, not answered).")]
    private static partial void LogPaused(ILogger logger, string conversationId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A turn in {ConversationId} failed; its messages stay queued and are tried again.")]
    private static partial void LogTurnFailed(ILogger logger, string conversationId, Exception exception);
}
