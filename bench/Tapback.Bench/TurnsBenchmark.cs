using System.Diagnostics;
using System.Globalization;

namespace Tapback.Bench;

/// <summary>
/// The built-in agent at saturation: every phone sends its next message as soon as the instant model
/// was asked about the previous one (closed loop, one message per turn), so the figure is how many
/// turns a second Tapback completes and how much of its CPU each one costs. CPU per turn is read
/// from /proc and holds up on a busy machine better than a latency does.
/// </summary>
internal static class TurnsBenchmark
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);

    // Tiered JIT keeps recompiling for a minute or more on a loaded 2-core machine (a third of Tapback's
    // CPU at 25 s in, with the turn's code still at tier 0): the warm-up lasts until the JIT thread used
    // under this share of Tapback's CPU over a few seconds, so the figure is the steady state's.
    private const double SettledJitShare = 0.03;
    private static readonly TimeSpan JitWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WarmUpCap = TimeSpan.FromSeconds(120);

    // Issue 23: at most 1 ms of Tapback CPU per turn (each turn answers one message, and the CPU counts
    // the whole message: the POST, the turn, and the outbox sends of read receipt, typing and answer).
    private const double CpuMsPerTurnTarget = 1.0;

    public static async Task<int> RunAsync(string dll, TimeSpan duration, int phones)
    {
        // Stopped before Tapback's client goes (its phones' sends use it), as the scale bench does.
        var loop = new ClosedLoop();
        await using var model = await InstantModel.StartAsync(loop.Asked);
        var settings = model.Settings();
        foreach (var (key, value) in PhonePairing.Settings)
        {
            settings[key] = value;
        }

        await using var tapback = await TapbackServer.StartAsync(dll, settings);
        loop.Start(tapback, Enumerable.Range(0, phones).Select(n => $"+1555600{n:D4}"));
        var warm = Stopwatch.StartNew();
        await Task.Delay(WarmUp);
        while (warm.Elapsed < WarmUpCap && await JitShareAsync(tapback.ProcessId, JitWindow) > SettledJitShare)
        {
        }

        var warmedUp = warm.Elapsed;
        var jit0 = JitThreads(tapback.ProcessId);
        var (turns, cpu, seconds) = await loop.MeasureAsync(tapback, duration);
        var jit = JitSecondsSince(tapback.ProcessId, jit0);
        await loop.DisposeAsync();

        var cpuPerTurn = cpu * 1000 / Math.Max(turns, 1);
        Console.WriteLine($"Built-in agent at saturation: {phones} phones, each sending its next message once the model was asked about the last; {warmedUp.TotalSeconds:F0} s warm-up (until the JIT thread used under {SettledJitShare:P0} of Tapback's CPU), {seconds:F0} s measured.");
        Console.WriteLine();
        Console.WriteLine("| phones | turns | turns/s | Tapback CPU (s) | of it the JIT thread (s) | CPU ms per turn |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {phones} | {turns} | {turns / seconds:F0} | {cpu:F1} | {jit:F1} | {cpuPerTurn:F2} |"));
        var targets = new TargetReport("turns, SQLite");
        targets.AtMost("Tapback CPU per turn", cpuPerTurn, CpuMsPerTurnTarget, "ms");
        targets.Print();
        return 0;
    }

    /// <summary>The JIT's background thread's share of the process's CPU over <paramref name="window"/>.</summary>
    private static async Task<double> JitShareAsync(int processId, TimeSpan window)
    {
        var (cpu0, jit0) = (ClosedLoop.CpuSeconds(processId), JitThreads(processId));
        await Task.Delay(window);
        var (cpu, jit) = (ClosedLoop.CpuSeconds(processId) - cpu0, JitSecondsSince(processId, jit0));
        return cpu <= 0 ? 0 : jit / cpu;
    }

    /// <summary>
    /// CPU of the runtime's tiered-compilation thread (named ".NET Tiered Com…" in /proc) by thread id:
    /// the thread ends when it has nothing to compile and a new one starts later, so a window's figure is
    /// the sum of each thread's growth (a thread that ended within the window is not counted: a floor).
    /// </summary>
    private static Dictionary<string, double> JitThreads(int processId)
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

    private static double JitSecondsSince(int processId, Dictionary<string, double> before) =>
        JitThreads(processId).Sum(thread => thread.Value - before.GetValueOrDefault(thread.Key));

    /// <summary>User plus system CPU of a process, from /proc/pid/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static double Ticks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
