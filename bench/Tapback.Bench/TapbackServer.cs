using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tapback.Bench;

/// <summary>
/// Tapback as its own process on a free loopback port with a temporary data directory, the offline
/// settings a benchmark needs (no debounce, no bubble gaps) plus the caller's, killed and cleaned up on dispose.
/// </summary>
internal sealed class TapbackServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private TapbackServer(Process process, string data, Uri baseAddress)
    {
        _process = process;
        _data = data;
        BaseAddress = baseAddress;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        Streams = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>For the simulator's event streams, which stay open for the whole run.</summary>
    public HttpClient Streams { get; }

    public static async Task<TapbackServer> StartAsync(string dll, IReadOnlyDictionary<string, string> settings)
    {
        var data = Directory.CreateTempSubdirectory("tapback-bench-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--urls={baseAddress}");
        var defaults = new Dictionary<string, string>
        {
            ["Tapback:DataDirectory"] = data,
            ["Tapback:Agent:Provider"] = "offline",
            // A benchmark measures Tapback's own work, not the human pacing it adds on purpose.
            ["Tapback:Agent:DebounceWindow"] = "00:00:00",
            ["Tapback:Agent:BubbleGapMin"] = "00:00:00",
            ["Tapback:Agent:BubbleGapMax"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            defaults[key] = value;
        }

        foreach (var (key, value) in defaults)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        // Tapback logs at Warning to standard output: kept beside its errors, so a failed run says why
        // (the temporary data directory, and any log in it, goes when the run ends).
        DataReceivedEventHandler forward = (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine($"tapback: {line.Data}");
            }
        };
        process.OutputDataReceived += forward;
        process.ErrorDataReceived += forward;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new TapbackServer(process, data, baseAddress);
        await server.WaitHealthyAsync();
        return server;
    }

    public int ProcessId => _process.Id;

    /// <summary>Resident memory of the Tapback process in bytes (VmRSS in /proc/pid/status).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("No VmRSS line; resident memory is read from /proc, so this runs on Linux only.");
    }

    /// <summary>CPU time the Tapback process has used so far (user + system), to price one event when the machine's load blurs throughput.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>
    /// Bytes the Tapback process has handed to write() so far (<c>wchar</c> in /proc/&lt;pid&gt;/io: WAL
    /// frames, checkpoints, logs, sockets excluded): what an event costs the disk, which the load on the
    /// machine does not blur. Linux only; 0 elsewhere.
    /// </summary>
    public long WrittenBytes()
    {
        var io = $"/proc/{_process.Id}/io";
        if (!File.Exists(io))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(io))
        {
            if (line.StartsWith("wchar:", StringComparison.Ordinal))
            {
                return long.Parse(line["wchar:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>The size of the data directory (the SQLite file, its WAL and stored files).</summary>
    public long StoreBytes() => new DirectoryInfo(_data).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);

    /// <summary>How many sends Tapback answered 503 (store busy) and the bench sent again after Retry-After.</summary>
    public int BusyRetries => Volatile.Read(ref _busyRetries);

    private int _busyRetries;

    /// <summary>
    /// A text from a phone through the simulator; returns once Tapback answered 202 (stored). A 503 (the
    /// store was busy and nothing was stored) is sent again after its Retry-After, as a client should.
    /// </summary>
    public async Task SendAsync(string phone, string text)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var body = new StringContent(Json.Object(("from", phone), ("text", text)), System.Text.Encoding.UTF8, "application/json");
            using var response = await Http.PostAsync(new Uri("/api/simulator/messages", UriKind.Relative), body);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 10)
            {
                response.EnsureSuccessStatusCode();
                return;
            }

            Interlocked.Increment(ref _busyRetries);
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Streams.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Tapback exited with {_process.ExitCode} before it was healthy; its errors are above.");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/healthz", UriKind.Relative));
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

        throw new TimeoutException("Tapback did not become healthy in 2 minutes.");
    }
}
