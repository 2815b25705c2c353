using System.Diagnostics;
using System.Globalization;

namespace Tapback.Bench;

/// <summary>
/// Flat as the work grows: the cost of one message's whole path (ingest, the agent queue's claim,
/// the turn, the outbox's dispatch) measured with few conversations in the store, again with many,
/// and again with a long backlog in one conversation, all in one Tapback process, so the first step
/// is the baseline of the others. The measured path is <see cref="ClosedLoop"/>'s phones on the
/// built-in agent (the only phones <c>Tapback:Agent:AllowFrom</c> lets it answer); the conversations
/// that fill the store are strangers the agent does not answer, so the fill runs at ingest speed
/// (many POSTs in flight) instead of waiting for a turn each; the backlog is a phone paired with an
/// integration whose agent never connects, so its agent-queue rows stay pending.
/// </summary>
internal static class ScaleBenchmark
{
    private const int InFlight = 64;
    private const int MeasuredPhones = 200;
    private const int ProbeEvents = 5_000;
    private const double Spread = 0.25;

    // Each step is measured this many times over, turns and ingest alternating, and compared by its
    // medians: at sub-millisecond turns one burst from another process on the shared cores moved a
    // single 10 s sample by a third, more than the target's spread (docs/benchmarks.md, "Flat").
    private const int Samples = 3;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FirstWarmUp = TimeSpan.FromSeconds(60);
    private const string BacklogPhone = "+15557000000";

    public static async Task<int> RunAsync(string dll, int[] conversations, int backlog, TimeSpan duration)
    {
        var whole = Stopwatch.StartNew();
        var loop = new ClosedLoop();
        await using var model = await InstantModel.StartAsync(loop.Asked);
        var phones = Enumerable.Range(0, MeasuredPhones).Select(n => $"+1555600{n:D4}").ToList();
        var settings = model.Settings();
        foreach (var (key, value) in PhonePairing.Settings)
        {
            settings[key] = value;
        }

        for (var n = 0; n < phones.Count; n++)
        {
            settings[$"Tapback:Agent:AllowFrom:{n}"] = phones[n];
        }

        await using var tapback = await TapbackServer.StartAsync(dll, settings);
        var rows = new List<Step>();
        await using (loop)
        {
            var stored = MeasuredPhones;
            foreach (var count in conversations.Order())
            {
                // The loop rests while the store fills, so the fill's CPU per event is ingest's alone.
                loop.Pause();
                var fill = await FillAsync(tapback, stored, count);
                stored = count;
                loop.Resume();
                if (rows.Count == 0)
                {
                    // The first step is every other step's baseline, so it must be as warm as they are:
                    // tiered JIT takes a minute on a busy machine (docs/benchmarks.md), and ingest warms
                    // with an unmeasured probe of its own.
                    loop.Start(tapback, phones);
                    await Task.Delay(FirstWarmUp);
                    loop.Pause();
                    await FillAsync(tapback, 0, ProbeEvents, n => $"+1444{MeasuredPhones + (n % Math.Max(1, count - MeasuredPhones)):D7}");
                    loop.Resume();
                }

                await Task.Delay(WarmUp);

                rows.Add(await MeasureAsync(tapback, loop, $"{count:N0} conversations", fill, stored, duration));
            }

            if (backlog > 0)
            {
                loop.Pause();
                await PhonePairing.PairAsync(tapback, BacklogPhone);
                var fill = await FillAsync(tapback, 0, backlog, _ => BacklogPhone);
                loop.Resume();
                await Task.Delay(WarmUp);
                rows.Add(await MeasureAsync(tapback, loop, $"{stored:N0} conversations + {backlog:N0}-row backlog in one", fill, stored, duration));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"One Tapback process; {MeasuredPhones} phones on the built-in agent in a closed loop (instant model), {FirstWarmUp.TotalSeconds:F0} s warm-up before the first step and {WarmUp.TotalSeconds:F0} s after each fill; each step the median of {Samples} samples of {duration.TotalSeconds:F0} s of turns and {ProbeEvents:N0} events of ingest alone; the store filled by strangers the agent does not answer, {InFlight} POSTs in flight, while the loop rests."));
        Console.WriteLine();
        Console.WriteLine("| store | fill: events | fill: events/s | turns/s | Tapback CPU (ms/turn) | ÷ first step | ingest alone (events/s) | ingest alone: Tapback CPU (µs/event) | ÷ first step | store on disk (MiB) | of which WAL (MiB) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var first = rows[0];
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.Fill.Events:N0} | {row.Fill.PerSecond:F0} | {row.TurnsPerSecond:F0} | {row.CpuMsPerTurn:F2} | {row.CpuMsPerTurn / first.CpuMsPerTurn:F2} | {row.Ingest.PerSecond:F0} | {row.Ingest.CpuMicroseconds:F0} | {row.Ingest.CpuMicroseconds / first.Ingest.CpuMicroseconds:F2} | {row.StoreBytes / 1048576.0:F1} | {row.WalBytes / 1048576.0:F1} |"));
        }

        var report = new TargetReport("scale");
        foreach (var row in rows.Skip(1))
        {
            report.Flat($"Tapback CPU per turn (ingest, claim, turn, dispatch) with {row.Name}", row.CpuMsPerTurn, first.CpuMsPerTurn, Spread, "ms");
            report.Flat($"wall time per turn (1 ÷ turns/s) with {row.Name}", 1000 / row.TurnsPerSecond, 1000 / first.TurnsPerSecond, Spread, "ms");
        }

        foreach (var row in rows.Skip(1))
        {
            report.Flat($"ingest alone, Tapback CPU per event, with {row.Name}", row.Ingest.CpuMicroseconds, first.Ingest.CpuMicroseconds, Spread, "µs");
        }

        var missed = report.Print();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Whole run: {whole.Elapsed.TotalMinutes:F1} minutes; {tapback.BusyRetries:N0} sends answered 503 (store busy) and sent again."));
        return missed == 0 ? 0 : 1;
    }

    /// <summary>Stores events from phone <paramref name="from"/> up to <paramref name="to"/> (each a new conversation unless <paramref name="phoneOf"/> says otherwise).</summary>
    private static async Task<Fill> FillAsync(TapbackServer tapback, int from, int to, Func<int, string>? phoneOf = null)
    {
        phoneOf ??= n => $"+1444{n:D7}";
        var (cpu0, clock) = (ClosedLoop.CpuSeconds(tapback.ProcessId), Stopwatch.StartNew());
        await ManySenders.SendAsync(tapback, from, to, InFlight, phoneOf, 20_000, n => string.Create(CultureInfo.InvariantCulture, $"stored {n:N0}"));
        var events = Math.Max(0, to - from);
        var cpu = ClosedLoop.CpuSeconds(tapback.ProcessId) - cpu0;
        // The closed loop rests meanwhile, so this is ingest's own cost per event (the first fill's
        // includes the JIT's; the probes of MeasureAsync are the compared figures).
        return new Fill(events, events / clock.Elapsed.TotalSeconds, events == 0 ? 0 : cpu * 1e6 / events);
    }

    /// <summary>
    /// <see cref="Samples"/> times: the loop's turns over <paramref name="duration"/>, then ingest alone
    /// (the loop rests, its last turns finish first, and <see cref="ProbeEvents"/> more messages come
    /// from strangers already in the store, so the conversation count does not move and the figure is
    /// warm, unlike the first fill's). The step's figures are the samples' medians.
    /// </summary>
    private static async Task<Step> MeasureAsync(TapbackServer tapback, ClosedLoop loop, string name, Fill fill, int stored, TimeSpan duration)
    {
        var turnsPerSecond = new List<double>();
        var cpuMsPerTurn = new List<double>();
        var probes = new List<Fill>();
        var strangers = Math.Max(1, stored - MeasuredPhones);
        for (var sample = 0; sample < Samples; sample++)
        {
            var (turns, cpu, seconds) = await loop.MeasureAsync(tapback, duration);
            loop.Pause();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var probe = await FillAsync(tapback, 0, ProbeEvents, n => $"+1444{MeasuredPhones + (n % strangers):D7}");
            loop.Resume();
            turnsPerSecond.Add(turns / seconds);
            cpuMsPerTurn.Add(cpu * 1000 / Math.Max(turns, 1));
            probes.Add(probe);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:HH:mm:ss} {name}, sample {sample + 1} of {Samples}: {turns} turns in {seconds:F1} s, {cpu:F1} s of CPU; ingest {probe.CpuMicroseconds:F0} µs/event"));
        }

        var ingest = probes.OrderBy(probe => probe.CpuMicroseconds).ElementAt(Samples / 2);
        return new Step(name, fill, ingest, Median(turnsPerSecond), Median(cpuMsPerTurn), tapback.StoreBytes(), tapback.WalBytes());
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private sealed record Fill(int Events, double PerSecond, double CpuMicroseconds);

    private sealed record Step(string Name, Fill Fill, Fill Ingest, double TurnsPerSecond, double CpuMsPerTurn, long StoreBytes, long WalBytes);
}
