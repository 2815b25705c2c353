namespace Tapback.Gateway.Governor;

/// <summary>
/// Forgets the governor's counts once no limit looks at them (a day), hourly. Every node may sweep;
/// deleting what another node deleted is harmless.
/// </summary>
internal sealed partial class GovernorSweeper(GovernorStore store, TimeProvider time, ILogger<GovernorSweeper> logger)
    : PeriodicSweepService(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        var forgotten = await store.SweepAsync(cancellationToken);
        if (forgotten > 0)
        {
            LogForgotten(Logger, forgotten);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forgot {Count} send governor count(s) older than a day.")]
    private static partial void LogForgotten(ILogger logger, int count);
}
