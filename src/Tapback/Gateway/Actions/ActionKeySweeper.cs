using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Actions;

/// <summary>
/// Keeps the idempotency keys for <see cref="ActionOptions.KeyRetention"/> and no longer: hourly, the
/// older ones are forgotten. Every node may sweep; deleting what another node deleted is harmless.
/// </summary>
internal sealed partial class ActionKeySweeper(ActionKeys keys, IOptions<ActionOptions> options, TimeProvider time, ILogger<ActionKeySweeper> logger)
    : PeriodicSweepService(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    /// <summary>Forgets the keys older than the retention once; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var forgotten = await keys.ForgetOlderThanAsync((Time.GetUtcNow() - options.Value.KeyRetention).ToUnixTimeMilliseconds(), cancellationToken);
        if (forgotten > 0)
        {
            LogForgotten(Logger, forgotten, options.Value.KeyRetention);
        }

        return forgotten;
    }

    protected override Task SweepOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forgot {Count} idempotency key(s) older than {Retention}.")]
    private static partial void LogForgotten(ILogger logger, int count, TimeSpan retention);
}
