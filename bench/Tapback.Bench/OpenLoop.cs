using System.Diagnostics;

namespace Tapback.Bench;

/// <summary>
/// Open-loop load: starts one operation every 1/rate seconds whether or not earlier ones finished, so a
/// slow server meets the same arrival rate a real one would (a closed loop would slow down with it).
/// </summary>
internal static class OpenLoop
{
    /// <summary>Runs for <paramref name="duration"/>; returns the rate actually started, per second.</summary>
    public static async Task<double> RunAsync(double rate, TimeSpan duration, Func<long, Task> operation)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var running = new List<Task>((int)total);
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / rate);
            var early = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (early > TimeSpan.FromMilliseconds(1))
            {
                // Timers fire about a millisecond late; a behind schedule loop catches up at once.
                await Task.Delay(early - TimeSpan.FromMilliseconds(1));
            }

            running.Add(operation(i));
        }

        var started = total / Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(running);
        return started;
    }
}
