using System.Diagnostics;
using System.Globalization;

namespace Tapback.Bench;

/// <summary>
/// The runtime's tiered-compilation thread of a running Tapback, read from /proc: tiered JIT keeps
/// recompiling for a minute or more on a loaded 2-core machine (a third of Tapback's CPU at 25 s in,
/// with a turn's code still at tier 0), so a bench warms up until this thread is nearly idle and
/// reports what it used in the measured window.
/// </summary>
internal static class JitThread
{
    /// <summary>The JIT thread's share of Tapback's CPU under which a warm-up counts as settled.</summary>
    public const double SettledShare = 0.03;

    // The windows the share is taken over while a warm-up waits, and how long it waits at most.
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WaitCap = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Runs <paramref name="load"/> in windows of a few seconds until the JIT thread used under
    /// <see cref="SettledShare"/> of the process's CPU over one (at most two minutes); returns how long that took.
    /// </summary>
    public static async Task<TimeSpan> SettleAsync(int processId, Func<TimeSpan, Task> load)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < WaitCap && await ShareDuringAsync(processId, () => load(Window)) > SettledShare)
        {
        }

        return waited.Elapsed;
    }

    /// <summary>A snapshot of the JIT threads' CPU; see <see cref="SecondsSince"/>.</summary>
    public static Dictionary<string, double> Snapshot(int processId)
    {
        var threads = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered", StringComparison.Ordinal))
                {
                    threads[Path.GetFileName(task)] = Ticks(File.ReadAllText(Path.Combine(task, "stat")));
                }
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return threads;
    }

    /// <summary>
    /// CPU seconds the JIT threads used since <paramref name="before"/>: the thread ends when it has
    /// nothing to compile and a new one starts later, so this is the sum of each thread's growth (a
    /// thread that ended within the window is not counted: a floor).
    /// </summary>
    public static double SecondsSince(int processId, Dictionary<string, double> before) =>
        Snapshot(processId).Sum(thread => thread.Value - before.GetValueOrDefault(thread.Key));

    /// <summary>The JIT's share of the process's CPU while <paramref name="load"/> runs.</summary>
    private static async Task<double> ShareDuringAsync(int processId, Func<Task> load)
    {
        var (cpu0, jit0) = (ClosedLoop.CpuSeconds(processId), Snapshot(processId));
        await load();
        var (cpu, jit) = (ClosedLoop.CpuSeconds(processId) - cpu0, SecondsSince(processId, jit0));
        return cpu <= 0 ? 0 : jit / cpu;
    }

    /// <summary>User plus system CPU of a thread, from /proc/pid/task/tid/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static double Ticks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
