using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Actions;

/// <summary>
/// Keeps the idempotency keys for <see cref="ActionOptions.KeyRetention"/> and no longer: hourly, the
/// older ones are forgotten. Every node may sweep; deleting what another node deleted is harmless.
/// </summary>
internal sealed partial class ActionKeySweeper(ActionKeys keys, IOptions<ActionOptions> options, TimeProvider time, ILogger<ActionKeySweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogSweepFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Forgets the keys older than the retention once; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var forgotten = await keys.ForgetOlderThanAsync((time.GetUtcNow() - options.Value.KeyRetention).ToUnixTimeMilliseconds(), cancellationToken);
        if (forgotten > 0)
        {
            LogForgotten(logger, forgotten, options.Value.KeyRetention);
        }

        return forgotten;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forgot {Count} idempotency key(s) older than {Retention}.")]
    private static partial void LogForgotten(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not forget old idempotency keys; will try again within the hour.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
