using Microsoft.Extensions.Options;
using Tapback.Diagnostics;
using Tapback.Gateway;
using Tapback.Gateway.AgentQueue;
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
    TapbackMetrics metrics,
    IOptions<AgentOptions> options,
    NodeIdentity node,
    TimeProvider time,
    ILogger<BuiltInAgentWorker> logger)
    : LeasedWorkerService<AgentQueueBatch>(signal, node, time, logger)
{
    // Long enough to outlast a slow model call. A dead node's conversations are picked up once its
    // heartbeat is stale (NodeLeases), or after this at the latest.
    private TimeSpan Lease => options.Value.ModelTimeout + TimeSpan.FromMinutes(1);

    // Short, so a conversation is answered soon after its debounce window closes.
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(250);

    protected override Task<AgentQueueBatch?> ClaimAsync(CancellationToken cancellationToken) =>
        queue.ClaimAsync(AgentLinks.BuiltIn, Owner, Lease, options.Value.DebounceWindow, cancellationToken);

    protected override async Task ProcessAsync(AgentQueueBatch batch, CancellationToken cancellationToken)
    {
        using var turn = metrics.TurnStarting(batch, cancellationToken);
        try
        {
            await turns.RunAsync(batch, cancellationToken);
            turn.Complete();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogTurnFailed(logger, batch.ConversationId, exception);
            throw;
        }
        finally
        {
            // Rows the turn completed are no longer pending; the rest go back for another try.
            await queue.ReleaseAsync(batch, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A turn in {ConversationId} failed; its messages stay queued and are tried again.")]
    private static partial void LogTurnFailed(ILogger logger, string conversationId, Exception exception);
}
