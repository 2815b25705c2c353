using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tapback.Bench;

/// <summary>
/// Ingest events/s at concurrency 1, 16 and 64: Tapback's <c>POST /api/simulator/messages</c> (stored,
/// deduplicated, routed; strangers, so no agent turn competes) against an empty Kestrel endpoint and
/// a bare SQLite insert loop, each measured in this run. Prints a Markdown table of ratios.
/// </summary>
internal static class IngestBenchmark
{
    private static readonly int[] Concurrencies = [1, 16, 64];

    public static async Task<int> RunAsync(string tapbackDll, TimeSpan duration)
    {
        if (!File.Exists(tapbackDll))
        {
            Console.Error.WriteLine($"No Tapback at {tapbackDll}; build it first: dotnet build -c Release src/Tapback");
            return 2;
        }

        var data = Directory.CreateTempSubdirectory("tapback-bench-").FullName;
        var port = FreePort();
        using var tapback = StartTapback(tapbackDll, data, port);
        await using var empty = await Baselines.StartEmptyEndpointAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
        var tapbackUrl = new Uri($"http://127.0.0.1:{port}/api/simulator/messages");
        await WaitHealthyAsync(http, new Uri($"http://127.0.0.1:{port}/healthz"));
        var emptyUrl = new Uri(empty.Urls.First());
        var insert = await Baselines.SqliteInsertAsync(Path.Combine(data, "baseline.db"));
        var run = Guid.NewGuid().ToString("N")[..8];

        Console.WriteLine($"| concurrency | empty Kestrel (req/s) | bare SQLite insert (/s) | Tapback ingest (events/s) | Tapback ÷ Kestrel | Tapback ÷ SQLite |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var concurrency in Concurrencies)
        {
            var kestrel = await LoadLoop.RateAsync(concurrency, duration, n => PostAsync(http, emptyUrl, Body(run, n)));
            var sqlite = await LoadLoop.RateAsync(concurrency, duration, insert);
            var ingest = await LoadLoop.RateAsync(concurrency, duration, n => PostAsync(http, tapbackUrl, Body($"{run}-{concurrency}", n)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {concurrency} | {kestrel:F0} | {sqlite:F0} | {ingest:F0} | {ingest / kestrel:F2} | {ingest / sqlite:F2} |"));
        }

        tapback.Kill(entireProcessTree: true);
        await tapback.WaitForExitAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
        return 0;
    }

    private static StringContent Body(string run, long n) =>
        // Each event from its own stranger: stored and routed, never answered, so only ingest is measured.
        new($$"""{"from":"+1555{{n % 10_000_000:D7}}","text":"hello from the benchmark","eventId":"{{run}}-{{n}}"}""", Encoding.UTF8, "application/json");

    private static async Task PostAsync(HttpClient http, Uri url, StringContent body)
    {
        using (body)
        {
            using var response = await http.PostAsync(url, body);
            response.EnsureSuccessStatusCode();
        }
    }

    private static Process StartTapback(string dll, string data, int port)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add($"--Tapback:DataDirectory={data}");
        start.ArgumentList.Add("--Tapback:Agent:Provider=offline");
        // Strangers: the built-in agent answers only this number, so no turn competes with ingest.
        start.ArgumentList.Add("--Tapback:Agent:AllowFrom:0=+19999999999");
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient http, Uri health)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(health);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Tapback did not become healthy in 120 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
