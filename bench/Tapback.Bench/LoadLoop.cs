using System.Diagnostics;

namespace Tapback.Bench;

/// <summary>Runs an operation from N concurrent loops for a fixed time and counts completions per second.</summary>
internal static class LoadLoop
{
    public static async Task<double> RateAsync(int concurrency, TimeSpan duration, Func<long, Task> operation)
    {
        long next = 0;
        long done = 0;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                await operation(Interlocked.Increment(ref next));
                Interlocked.Increment(ref done);
            }
        });
        await Task.WhenAll(loops);
        return done / clock.Elapsed.TotalSeconds;
    }
}
