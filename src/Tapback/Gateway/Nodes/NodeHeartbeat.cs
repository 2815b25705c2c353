using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Nodes;

/// <summary>
/// Registers this node before any worker claims work (it is registered before them, and hosted
/// services start in order), then beats every <see cref="NodeOptions.HeartbeatInterval"/>, taking
/// over the leases of nodes that stopped beating.
/// </summary>
internal sealed partial class NodeHeartbeat(
    NodeRegistry registry,
    NodeIdentity identity,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<NodeHeartbeat> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var freed = await registry.StartAsync(cancellationToken);
        LogStarted(logger, identity.NodeId, identity.Incarnation, freed);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await registry.StopAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            // Its heartbeat stops anyway; the others end it once it is stale. A stop cut short by the
            // host's shutdown timeout lands here too, and must not turn a clean stop into a crash.
            LogStopNotRecorded(logger, exception);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await BeatAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (wasTakenForDead, freed) = await registry.BeatAsync(cancellationToken);
            if (wasTakenForDead)
            {
                LogTakenForDead(logger, identity.NodeId, options.Value.StaleAfter);
            }

            if (freed > 0)
            {
                LogTookOver(logger, freed);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogBeatFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} started as {Incarnation}; {Freed} leases its previous start or dead nodes held were freed.")]
    private static partial void LogStarted(ILogger logger, string nodeId, string incarnation, int freed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took over {Freed} leases from nodes whose heartbeat went stale.")]
    private static partial void LogTookOver(ILogger logger, int freed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} had not beaten for {StaleAfter} and was taken for dead: other nodes may have taken its work. Check the store's latency and Tapback:Node:StaleAfter.")]
    private static partial void LogTakenForDead(ILogger logger, string nodeId, TimeSpan staleAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "The node's heartbeat could not be recorded; it will try again.")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The node's stop could not be recorded; the other nodes end it once its heartbeat is stale.")]
    private static partial void LogStopNotRecorded(ILogger logger, Exception exception);
}
