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

    public static async Task<int> RunAsync(string dll, TimeSpan duration, int phones)
    {
        var loop = new ClosedLoop();
        await using var model = await InstantModel.StartAsync(loop.Asked);
        var settings = model.Settings();
        foreach (var (key, value) in PhonePairing.Settings)
        {
            settings[key] = value;
        }

        await using var tapback = await TapbackServer.StartAsync(dll, settings);
        double cpu, seconds;
        long turns;
        await using (loop)
        {
            loop.Start(tapback, Enumerable.Range(0, phones).Select(n => $"+1555600{n:D4}"));
            await Task.Delay(WarmUp);
            (turns, cpu, seconds) = await loop.MeasureAsync(tapback, duration);
        }

        Console.WriteLine($"Built-in agent at saturation: {phones} phones, each sending its next message once the model was asked about the last; {WarmUp.TotalSeconds:F0} s warm-up, {seconds:F0} s measured.");
        Console.WriteLine();
        Console.WriteLine("| phones | turns | turns/s | Tapback CPU (s) | CPU ms per turn |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {phones} | {turns} | {turns / seconds:F0} | {cpu:F1} | {cpu * 1000 / Math.Max(turns, 1):F2} |"));
        return 0;
    }
}
