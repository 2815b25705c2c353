using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tapback.Bench;

/// <summary>Tapback as its own process on a free loopback port, on a temporary data directory.</summary>
internal sealed partial class TapbackProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private TapbackProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public static async Task<TapbackProcess> StartAsync(string dll, string data, string? postgres)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        foreach (var argument in new[]
        {
            dll, $"--urls=http://127.0.0.1:{port}", $"--Tapback:DataDirectory={data}", "--Tapback:Agent:Provider=offline",
            // The built-in agent answers only this number, so no agent turn competes with ingest.
            "--Tapback:Agent:AllowFrom:0=+19999999999",
            // Pairing the bench's phones quickly, and no queue sweep in the middle of a step.
            "--Tapback:Gateway:Pairing:ExchangePermitLimit=1000", "--Tapback:Gateway:Queue:SweepInterval=1.00:00:00",
            "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (postgres is not null)
        {
            start.ArgumentList.Add("--Tapback:Storage:Provider=postgres");
            start.ArgumentList.Add($"--ConnectionStrings:Tapback={postgres}");
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine($"tapback: {line.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var tapback = new TapbackProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await tapback.WaitHealthyAsync();
        return tapback;
    }

    /// <summary>
    /// Pairs each phone the way an agent platform does: the phone texts /setup, the code it receives
    /// is exchanged for an integration. No agent connects, so the events queue for it.
    /// </summary>
    public async Task PairAsync(IReadOnlyList<string> phones)
    {
        await Task.WhenAll(phones.Select(async phone =>
        {
            using (var setup = await _http.PostAsJsonAsync("/api/simulator/messages", new { from = phone, text = "/setup" }))
            {
                setup.EnsureSuccessStatusCode();
            }

            var code = await WaitForCodeAsync(phone);
            using var exchange = await _http.PostAsJsonAsync("/auth/exchange", new { phone, code });
            exchange.EnsureSuccessStatusCode();
        }));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task<string> WaitForCodeAsync(string phone)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var events = JsonDocument.Parse(await _http.GetStringAsync($"/api/simulator/conversations/{Uri.EscapeDataString(phone)}/events"));
            foreach (var phoneEvent in events.RootElement.EnumerateArray())
            {
                if (phoneEvent.GetProperty("type").GetString() == "message.received"
                    && SixDigits().Match(phoneEvent.GetProperty("text").GetString() ?? string.Empty) is { Success: true } code)
                {
                    return code.Value;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{phone} received no pairing code in 60 s.");
    }

    private async Task WaitHealthyAsync()
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            try
            {
                using var response = await _http.GetAsync("/healthz");
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

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
