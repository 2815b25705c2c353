using System.Globalization;

namespace Tapback.Bench;

/// <summary>
/// Ingest with several Tapback nodes on one PostgreSQL beside one node, in the same run: the same 64
/// wrk connections (the same 16 paired phones, so one conversation gets events through every node at
/// once, as behind a load balancer) sent first to one node, then spread over all of them, with the
/// store's insert endpoint measured between them as the ratio's baseline. Prints a Markdown table.
/// </summary>
internal static class NodesBenchmark
{
    private const int PairedPhones = 16;

    // Several nodes must not do worse than one on the same store: the writers' lock makes their
    // writes take turns, so the most they can add is the HTTP and CPU work done beside the lock.
    private const double SeveralOverOneFloor = 0.9;

    public static async Task<int> RunAsync(string dll, TimeSpan step, int nodes, int connections, string? connection)
    {
        if (!Wrk.IsInstalled())
        {
            Console.Error.WriteLine("wrk is not installed: apt-get install -y wrk (bench/ingest.sh does it).");
            return 2;
        }

        await using var postgres = await BenchPostgres.StartAsync(connection);
        await using var store = await BaselineStore.PostgresAsync(postgres.ConnectionString);
        await using var insert = await Baselines.StartInsertEndpointAsync(store);
        var servers = new List<TapbackServer>();
        try
        {
            // One at a time: the first migrates the schema, the others find it done.
            for (var index = 0; index < nodes; index++)
            {
                servers.Add(await TapbackServer.StartAsync(dll, IngestBenchmark.TapbackSettings(postgres.ConnectionString)));
            }

            var phones = Enumerable.Range(0, PairedPhones).Select(index => $"+1555810{index:D4}").ToList();
            await Task.WhenAll(phones.Select(phone => PhonePairing.PairAsync(servers[0], phone)));
            var insertUrl = new Uri(insert.Urls.First());
            var run = Guid.NewGuid().ToString("N")[..8];

            // Every node warms up on its own path (tiered JIT), all at once, as they will run.
            await Wrk.RateAsync(insertUrl, 16, TimeSpan.FromSeconds(2), $"{run}-warm", phones);
            await Task.WhenAll(servers.Select((server, index) => Wrk.RateAsync(Ingest(server), 16 / nodes, TimeSpan.FromSeconds(15), $"{run}-warm{index}", phones)));

            Console.WriteLine($"Ingest on {nodes} nodes beside 1, paired ({postgres.Description}), {Environment.ProcessorCount} cores, {connections} connections in all, {step.TotalSeconds:F0} s per step, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine();
            Console.WriteLine("| nodes | insert endpoint (req/s) | Tapback ingest (events/s) | ÷ 1 node | ÷ insert endpoint | Tapback CPU, all nodes (µs/event) |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
            var one = 0.0;
            var ratio = 0.0;
            foreach (var count in new[] { 1, nodes })
            {
                var endpoint = await Wrk.RateAsync(insertUrl, connections, step, $"{run}-e{count}", phones);
                var used = servers.Take(count).ToList();
                var cpuBefore = used.Sum(server => server.CpuTime().TotalMicroseconds);

                // The connections split as evenly as they go; each node has its own wrk.
                var rates = await Task.WhenAll(used.Select((server, index) =>
                    Wrk.RateAsync(Ingest(server), connections / count + (index < connections % count ? 1 : 0), step, $"{run}-n{count}-{index}", phones)));
                var ingest = rates.Sum();
                var cpuPerEvent = (used.Sum(server => server.CpuTime().TotalMicroseconds) - cpuBefore) / (ingest * step.TotalSeconds);
                one = count == 1 ? ingest : one;
                ratio = ingest / one;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {count} | {endpoint:F0} | {ingest:F0} | {ingest / one:F2} | {ingest / endpoint:F2} | {cpuPerEvent:F0} |"));
            }

            var targets = new TargetReport($"ingest on {nodes} nodes, {postgres.Description}");
            targets.AtLeast($"{nodes} nodes ÷ 1 node at {connections} connections", ratio, SeveralOverOneFloor, "×");
            targets.Print();
            return 0;
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static Uri Ingest(TapbackServer server) => new(server.BaseAddress, "/api/simulator/messages");
}
