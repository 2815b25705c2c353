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

    // After it, the warm-up goes on until the JIT thread is nearly idle (JitThread.SettleAsync), so the
    // figure is the steady state's.

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
        await Task.Delay(WarmUp);
        var warmedUp = WarmUp + await JitThread.SettleAsync(tapback.ProcessId, Task.Delay);
        var jit0 = JitThread.Snapshot(tapback.ProcessId);
        var (turns, cpu, seconds) = await loop.MeasureAsync(tapback, duration);
        var jit = JitThread.SecondsSince(tapback.ProcessId, jit0);
        await loop.DisposeAsync();

        var cpuPerTurn = cpu * 1000 / Math.Max(turns, 1);
        Console.WriteLine($"Built-in agent at saturation: {phones} phones, each sending its next message once the model was asked about the last; {warmedUp.TotalSeconds:F0} s warm-up (until the JIT thread used under {JitThread.SettledShare:P0} of Tapback's CPU), {seconds:F0} s measured.");
        Console.WriteLine();
        Console.WriteLine("| phones | turns | turns/s | Tapback CPU (s) | of it the JIT thread (s) | CPU ms per turn |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {phones} | {turns} | {turns / seconds:F0} | {cpu:F1} | {jit:F1} | {cpuPerTurn:F2} |"));
        var targets = new TargetReport("turns, SQLite");
        targets.AtMost("Tapback CPU per turn", cpuPerTurn, CpuMsPerTurnTarget, "ms");
        targets.Print();
        return 0;
    }
}
