using System.Threading.RateLimiting;

namespace Tapback.AgentLink.Rest;

/// <summary>
/// A fixed window of permits counted on the injected <see cref="TimeProvider"/>. The BCL's
/// FixedWindowRateLimiter refills on a wall-clock timer, which a test's fake clock cannot move and a
/// Retry-After could not be computed against.
/// </summary>
internal sealed class ClockedFixedWindowLimiter(int permitLimit, TimeSpan window, TimeProvider time) : RateLimiter
{
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart = time.GetUtcNow();
    private int _used;
    private long _successful;
    private long _failed;
    private DateTimeOffset _lastUsed = time.GetUtcNow();

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                return _used == 0 || time.GetUtcNow() - _windowStart >= window ? time.GetUtcNow() - _lastUsed : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Roll();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = permitLimit - _used,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permitLimit);
        lock (_lock)
        {
            Roll();
            _lastUsed = time.GetUtcNow();
            if (_used + permitCount <= permitLimit)
            {
                _used += permitCount;
                _successful++;
                return Lease.Granted;
            }

            _failed++;
            return new Lease(false, _windowStart + window - time.GetUtcNow());
        }
    }

    // No queue: a caller over the limit is told when to come back, not held.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Roll()
    {
        var now = time.GetUtcNow();
        if (now - _windowStart >= window)
        {
            // Windows stay aligned to the first one, so a steady caller cannot shift its reset.
            var elapsedWindows = (now - _windowStart).Ticks / window.Ticks;
            _windowStart += TimeSpan.FromTicks(elapsedWindows * window.Ticks);
            _used = 0;
        }
    }

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired { get; } = isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
