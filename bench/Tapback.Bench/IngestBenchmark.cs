using System.Globalization;

namespace Tapback.Bench;

/// <summary>
/// Ingest events/s at concurrency 1, 16 and 64 against three baselines measured in the same run: an
/// empty Kestrel POST, a Kestrel POST doing one INSERT … ON CONFLICT DO NOTHING on the same store,
/// and that insert in a bare in-process loop. HTTP loads come from wrk. Prints a Markdown table.
/// </summary>
internal static class IngestBenchmark
{

    // Paired phones the events rotate over: enough conversations that no one row is the whole load.
    private const int PairedPhones = 16;

    // The issue's floor for ingest on SQLite at 64 connections, and the share of the insert endpoint to reach.
    // Issue 23's targets, at 64 connections: SQLite half its insert endpoint and 10,000 events/s;
    // PostgreSQL (default durability) 40 % of its own.
    private const double FloorAt64 = 10_000;
    private const double SqliteShareOfInsertEndpoint = 0.5;
    private const double PostgresShareOfInsertEndpoint = 0.4;

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        if (!File.Exists(arguments.TapbackDll))
        {
            Console.Error.WriteLine($"No Tapback at {arguments.TapbackDll}; build it first: dotnet build -c Release src/Tapback");
            return 2;
        }

        if (!Wrk.IsInstalled())
        {
            Console.Error.WriteLine("wrk is not installed: apt-get install -y wrk (bench/ingest.sh does it).");
            return 2;
        }

        var data = Directory.CreateTempSubdirectory("tapback-bench-").FullName;
        await using var postgres = arguments.Store == "postgres" ? await BenchPostgres.StartAsync(arguments.Connection) : null;
        await using var store = postgres is null
            ? await BaselineStore.SqliteAsync(Path.Combine(data, "baseline.db"))
            : await BaselineStore.PostgresAsync(postgres.ConnectionString);
        await using var tapback = await TapbackServer.StartAsync(arguments.TapbackDll, TapbackSettings(postgres?.ConnectionString));
        await using var empty = await Baselines.StartEmptyEndpointAsync();
        await using var insert = await Baselines.StartInsertEndpointAsync(store);

        var phones = arguments.Scenario == "paired"
            ? Enumerable.Range(0, PairedPhones).Select(index => $"+1555800{index:D4}").ToList()
            : [];
        await Task.WhenAll(phones.Select(phone => PhonePairing.PairAsync(tapback, phone)));

        var ingestUrl = new Uri(tapback.BaseAddress, "/api/simulator/messages");
        var emptyUrl = new Uri(empty.Urls.First());
        var insertUrl = new Uri(insert.Urls.First());
        var run = Guid.NewGuid().ToString("N")[..8];

        // Steady state is what a gateway lives in: tiered JIT (with its instrumented tier) needs tens
        // of seconds of Tapback's code path on a busy machine before it stops competing for the cores,
        // so ingest goes on after the first 15 s until the JIT thread is nearly idle (as in `turns`).
        foreach (var (url, seconds) in new[] { (emptyUrl, 2), (insertUrl, 2), (ingestUrl, 15) })
        {
            await Wrk.RateAsync(url, 16, TimeSpan.FromSeconds(seconds), $"{run}-warm", phones);
        }

        var settling = await JitThread.SettleAsync(tapback.ProcessId, window => Wrk.RateAsync(ingestUrl, 16, window, $"{run}-warm", phones));

        var storeName = postgres is null ? "SQLite (WAL, synchronous=NORMAL)" : postgres.Description;
        Console.WriteLine($"Ingest, {arguments.Scenario} ({storeName}), {Environment.ProcessorCount} cores, {arguments.Step.TotalSeconds:F0} s per step, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        Console.WriteLine("| connections | empty Kestrel (req/s) | insert endpoint (req/s) | bare insert loop (/s) | Tapback ingest (events/s) | ÷ Kestrel | ÷ insert endpoint | Tapback CPU (µs/event) | written by Tapback (KiB/event) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var targets = new TargetReport($"ingest, {storeName}");
        var jitSeconds = 0.0;
        foreach (var connections in arguments.Connections)
        {
            var kestrel = await Wrk.RateAsync(emptyUrl, connections, arguments.Step, $"{run}-k{connections}", phones);
            var endpoint = await Wrk.RateAsync(insertUrl, connections, arguments.Step, $"{run}-e{connections}", phones);
            var loop = await LoadLoop.RateAsync(connections, arguments.Step, n => store.InsertAsync($"{run}-l{connections}-{n}"));
            var cpuBefore = tapback.CpuTime();
            var writtenBefore = tapback.WrittenBytes();
            var jitBefore = JitThread.Snapshot(tapback.ProcessId);
            var ingest = await Wrk.RateAsync(ingestUrl, connections, arguments.Step, $"{run}-i{connections}", phones);
            jitSeconds += JitThread.SecondsSince(tapback.ProcessId, jitBefore);
            var events = ingest * arguments.Step.TotalSeconds;
            var cpuPerEvent = (tapback.CpuTime() - cpuBefore).TotalMicroseconds / events;
            var writtenPerEvent = (tapback.WrittenBytes() - writtenBefore) / 1024.0 / events;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {connections} | {kestrel:F0} | {endpoint:F0} | {loop:F0} | {ingest:F0} | {ingest / kestrel:F2} | {ingest / endpoint:F2} | {cpuPerEvent:F0} | {(postgres is null ? writtenPerEvent.ToString("F1", CultureInfo.InvariantCulture) : "–")} |"));
            if (connections == 64)
            {
                var storeLabel = postgres is null ? "SQLite" : "PostgreSQL";
                targets.AtLeast($"{storeLabel} ingest ÷ its insert endpoint at 64 connections", ingest / endpoint, postgres is null ? SqliteShareOfInsertEndpoint : PostgresShareOfInsertEndpoint, "×");
                if (postgres is null)
                {
                    targets.AtLeast("SQLite ingest at 64 connections", ingest, FloorAt64, "events/s");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Warm-up: 15 s of ingest and then {settling.TotalSeconds:F0} s more until the JIT thread used under {JitThread.SettledShare:P0} of Tapback's CPU; in Tapback's measured steps the JIT thread used {jitSeconds:F1} s of CPU."));
        targets.Print();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return 0;
    }

    internal static Dictionary<string, string> TapbackSettings(string? postgres)
    {
        var settings = new Dictionary<string, string>(PhonePairing.Settings)
        {
            // The built-in agent answers only this number, so no agent turn competes with ingest.
            ["Tapback:Agent:AllowFrom:0"] = "+19999999999",
            // No queue sweep in the middle of a step.
            ["Tapback:Gateway:Queue:SweepInterval"] = "1.00:00:00",
        };
        if (postgres is not null)
        {
            settings["Tapback:Storage:Provider"] = "postgres";
            settings["ConnectionStrings:Tapback"] = postgres;
        }

        return settings;
    }
}
