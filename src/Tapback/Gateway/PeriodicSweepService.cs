namespace Tapback.Gateway;

/// <summary>
/// The loop shared by the periodic sweeps (old keys, the agent queue's bounds): one round at start,
/// then one every <see cref="Interval"/> on the injected clock. A failed round is logged and the next
/// one tries again; every node may sweep, so a round must be safe to run twice.
/// </summary>
internal abstract partial class PeriodicSweepService(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One round of the sweep.</summary>
    protected abstract Task SweepOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    await SweepOnceAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRoundFailed(logger, GetType().Name, Interval, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of {Sweep} failed; the next one, in {Interval}, tries again.")]
    private static partial void LogRoundFailed(ILogger logger, string sweep, TimeSpan interval, Exception exception);
}
