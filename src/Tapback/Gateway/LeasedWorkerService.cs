using Tapback.Gateway.Nodes;

namespace Tapback.Gateway;

/// <summary>
/// The loop shared by the gateway's workers: claim leased batches from the store while there is
/// capacity, work them side by side, and sleep until a signal, a finished batch or the poll interval.
/// The store's leases decide who works what; this class only schedules.
/// </summary>
internal abstract partial class LeasedWorkerService<TBatch>(WakeSignal signal, NodeIdentity node, TimeProvider time, ILogger logger) : BackgroundService
    where TBatch : class
{
    /// <summary>
    /// A lease owner for one claim (<see cref="NodeIdentity.NewLeaseOwner"/>); a batch keeps it and
    /// every write it makes on its rows names it. Never one owner for the whole worker: up to
    /// <see cref="MaxConcurrency"/> batches run at once, and a batch whose lease ran out while it still
    /// worked must not pass for the batch that leased its rows again.
    /// </summary>
    protected string NewLeaseOwner() => node.NewLeaseOwner();

    protected virtual int MaxConcurrency => 16;

    protected virtual TimeSpan PollInterval => TimeSpan.FromSeconds(1);

    protected TimeProvider Time => time;

    /// <summary>How many more batches the loop takes before it waits: a claim may take that many at once.</summary>
    protected int FreeSlots { get; private set; } = 1;

    /// <summary>Runs once before the loop, for recovery after a restart.</summary>
    protected virtual Task OnStartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract Task<TBatch?> ClaimAsync(CancellationToken cancellationToken);

    /// <summary>Works one batch. Must leave the batch's rows done, rescheduled or released.</summary>
    protected abstract Task ProcessAsync(TBatch batch, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await OnStartingAsync(stoppingToken);
        var running = new HashSet<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                while ((FreeSlots = MaxConcurrency - running.Count) > 0 && await TryClaimAsync(stoppingToken) is { } batch)
                {
                    running.Add(RunAsync(batch, stoppingToken));
                }

                await signal.WaitAsync(PollInterval, time, running.Count > 0 ? Task.WhenAny(running) : null, stoppingToken);
                running.RemoveWhere(task => task.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(running);
        }
    }

    private async Task<TBatch?> TryClaimAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ClaimAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogClaimFailed(logger, GetType().Name, exception);
            return null;
        }
    }

    private async Task RunAsync(TBatch batch, CancellationToken cancellationToken)
    {
        // Leave the claiming loop at once; the batch runs beside the others.
        await Task.Yield();
        try
        {
            await ProcessAsync(batch, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogBatchFailed(logger, GetType().Name, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} could not claim work from the store; it will try again.")]
    private static partial void LogClaimFailed(ILogger logger, string worker, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} failed a batch; its rows stay in the store and are tried again.")]
    private static partial void LogBatchFailed(ILogger logger, string worker, Exception exception);
}
