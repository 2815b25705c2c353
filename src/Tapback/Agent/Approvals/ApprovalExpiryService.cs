namespace Tapback.Agent.Approvals;

/// <summary>
/// Sweeps approvals left unanswered past <c>Tapback:Agent:ApprovalTimeout</c>: each becomes a
/// recorded "expired" decision (a denial), and the agent is woken to tell the person.
/// </summary>
internal sealed partial class ApprovalExpiryService(ApprovalStore approvals, TimeProvider time, ILogger<ApprovalExpiryService> logger) : BackgroundService
{
    /// <summary>How often the sweep looks; an approval expires at most this late.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var expired = await approvals.ExpireDueAsync(stoppingToken);
                    if (expired > 0)
                    {
                        LogExpired(logger, expired);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogSweepFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} approval(s) expired unanswered and count as denied.")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The approval expiry sweep failed; it tries again on its next tick.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
