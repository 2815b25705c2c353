using System.Collections.Concurrent;
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
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string dll, TimeSpan duration, int phones)
    {
        var waiting = new ConcurrentDictionary<long, TaskCompletionSource>();
        await using var model = await InstantModel.StartAsync(request =>
        {
            foreach (var id in request.IsSummary ? [] : request.Markers())
            {
                if (waiting.TryRemove(id, out var asked))
                {
                    asked.TrySetResult();
                }
            }
        });
        var settings = model.Settings();
        foreach (var (key, value) in PhonePairing.Settings)
        {
            settings[key] = value;
        }

        await using var tapback = await TapbackServer.StartAsync(dll, settings);
        long next = 0;
        long answered = 0;
        using var stop = new CancellationTokenSource();
        async Task PhoneAsync(string phone)
        {
            while (!stop.IsCancellationRequested)
            {
                var id = Interlocked.Increment(ref next);
                var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting[id] = asked;
                await tapback.SendAsync(phone, OverheadRun.Text(id));
                await asked.Task.WaitAsync(Patience);
                Interlocked.Increment(ref answered);
            }
        }

        var loops = Enumerable.Range(0, phones).Select(n => PhoneAsync($"+1555600{n:D4}")).ToList();
        await Task.Delay(WarmUp);
        var (turns0, cpu0, clock) = (Interlocked.Read(ref answered), CpuSeconds(tapback.ProcessId), Stopwatch.StartNew());
        await Task.Delay(duration);
        var (turns, cpu, seconds) = (Interlocked.Read(ref answered) - turns0, CpuSeconds(tapback.ProcessId) - cpu0, clock.Elapsed.TotalSeconds);
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        Console.WriteLine($"Built-in agent at saturation: {phones} phones, each sending its next message once the model was asked about the last; {WarmUp.TotalSeconds:F0} s warm-up, {seconds:F0} s measured.");
        Console.WriteLine();
        Console.WriteLine("| phones | turns | turns/s | Tapback CPU (s) | CPU ms per turn |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {phones} | {turns} | {turns / seconds:F0} | {cpu:F1} | {cpu * 1000 / Math.Max(turns, 1):F2} |"));
        return 0;
    }

    /// <summary>User plus system CPU of a process, from /proc/pid/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
