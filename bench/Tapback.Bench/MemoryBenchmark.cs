using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tapback.Bench;

/// <summary>
/// Resident memory of a fresh Tapback as conversations accumulate: each conversation is a new phone
/// that texts once and gets one answer from the instant model, then goes quiet. The baseline is the
/// same process idle, measured in this run, and again after a warm-up that loads the code every turn runs.
/// </summary>
internal static class MemoryBenchmark
{
    private const int WarmUp = 500;
    private const int InFlight = 32;

    public static async Task<int> RunAsync(string dll, int[] counts)
    {
        var answered = 0;
        await using var model = await InstantModel.StartAsync(request =>
        {
            if (!request.IsSummary)
            {
                Interlocked.Increment(ref answered);
            }
        });
        await using var tapback = await TapbackServer.StartAsync(dll, model.Settings());
        var (idle, idleHeap) = await SettledAsync(tapback);
        var clock = Stopwatch.StartNew();
        await ConverseAsync(tapback, 0, WarmUp, () => Volatile.Read(ref answered));
        var (warm, warmHeap) = await SettledAsync(tapback);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Idle: {Mib(idle)} MiB resident ({Mib(idleHeap)} MiB managed heap). After {WarmUp:N0} warm-up conversations: {Mib(warm)} MiB ({Mib(warmHeap)} MiB managed heap). (.NET {Environment.Version}, {Environment.ProcessorCount} cores)"));
        Console.WriteLine();
        Console.WriteLine("| conversations | resident (MiB) | ÷ idle process | bytes per conversation (over the warm-up) | managed heap (MiB) | managed bytes per conversation | store on disk (MiB) | minutes to fill |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        var done = WarmUp;
        foreach (var count in counts.Order())
        {
            var fill = Stopwatch.StartNew();
            await ConverseAsync(tapback, done, count, () => Volatile.Read(ref answered));
            done = count;
            var (resident, heap) = await SettledAsync(tapback);
            var perConversation = (double)(resident - warm) / (count - WarmUp);
            var managedPerConversation = (double)(heap - warmHeap) / (count - WarmUp);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count:N0} | {Mib(resident)} | {(double)resident / idle:F2} | {perConversation:N0} | {Mib(heap)} | {managedPerConversation:N0} | {Mib(tapback.StoreBytes())} | {fill.Elapsed.TotalMinutes:F1} |"));
        }

        Console.Error.WriteLine($"Whole run: {clock.Elapsed.TotalMinutes:F1} minutes; {tapback.BusyRetries:N0} sends answered 503 (store busy) and sent again.");
        return 0;
    }

    /// <summary>Phones number <paramref name="from"/> up to <paramref name="to"/> each text once; returns when every one is answered.</summary>
    private static async Task ConverseAsync(TapbackServer tapback, int from, int to, Func<int> answered)
    {
        await ManySenders.SendAsync(tapback, from, to, InFlight, Phone, 5_000, n => string.Create(CultureInfo.InvariantCulture, $"sent {n:N0}; {answered():N0} answered"));

        var waiting = Stopwatch.StartNew();
        while (answered() < to || !await AnsweredAsync(tapback, Phone(to - 1)))
        {
            if (waiting.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException($"Only {answered():N0} of {to:N0} conversations reached the model in 30 minutes.");
            }

            await Task.Delay(500);
        }
    }

    private static async Task<bool> AnsweredAsync(TapbackServer tapback, string phone)
    {
        var events = await tapback.Http.GetFromJsonAsync<JsonArray>(new Uri($"/api/simulator/conversations/{Uri.EscapeDataString(phone)}/events", UriKind.Relative));
        return events!.Any(item => (string?)item?["type"] == "typing.stopped" || (string?)item?["type"] == "message.received");
    }

    /// <summary>
    /// Once the process has been quiet for five seconds: a full collection, then the lowest resident size
    /// over five seconds, and the managed heap's share of it.
    /// </summary>
    private static async Task<(long Resident, long Heap)> SettledAsync(TapbackServer tapback)
    {
        await Task.Delay(TimeSpan.FromSeconds(5));
        var heap = await InducedGc.CollectAsync(tapback.ProcessId);
        var lowest = long.MaxValue;
        for (var sample = 0; sample < 5; sample++)
        {
            lowest = Math.Min(lowest, tapback.ResidentBytes());
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return (lowest, heap);
    }

    private static string Phone(int n) => $"+1555{n + 1_000_000:D7}";

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture);
}
