using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// Tapback as a separate operating-system process (the built Tapback.dll beside the tests), so a
/// test can kill it with SIGKILL and start it again on the same data directory.
/// </summary>
internal sealed class TapbackProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastLines = new();

    private TapbackProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>Starts Tapback; pass <paramref name="baseAddress"/> to restart it where its clients expect it.</summary>
    public static async Task<TapbackProcess> StartAsync(string dataDirectory, IDictionary<string, string> settings, Uri? baseAddress = null)
    {
        baseAddress ??= LoopbackPorts.Closed();
        return await StartAsync(await StartInfoAsync(dataDirectory, settings, baseAddress), baseAddress);
    }

    /// <summary>
    /// Starts Tapback as <paramref name="start"/> says (the built Tapback.dll, an installed dotnet tool, a
    /// container image's files) and waits until it answers <c>/healthz</c> at <paramref name="baseAddress"/>.
    /// </summary>
    public static async Task<TapbackProcess> StartAsync(ProcessStartInfo start, Uri baseAddress)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var tapback = new TapbackProcess(process, baseAddress);
        // Drain the pipes so a chatty process never blocks on a full buffer; the last lines explain a failed start.
        process.OutputDataReceived += (_, line) => tapback.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => tapback.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await tapback.WaitUntilHealthyAsync();
        }
        catch
        {
            await tapback.DisposeAsync();
            throw;
        }

        return tapback;
    }

    /// <summary>The command that runs the built Tapback.dll on <paramref name="dataDirectory"/>, its output redirected.</summary>
    public static async Task<ProcessStartInfo> StartInfoAsync(string dataDirectory, IDictionary<string, string> settings, Uri baseAddress)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tapback.dll"));
        start.ArgumentList.Add($"--urls={baseAddress}");
        start.ArgumentList.Add($"--Tapback:DataDirectory={dataDirectory}");
        foreach (var (key, value) in (await TestStore.SettingsForAsync(dataDirectory)).Concat(settings))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        return start;
    }

    /// <summary>The last lines the process wrote (standard output and error), for a failure's message.</summary>
    public string Output => string.Join('\n', _lastLines);

    /// <summary>The process's resident memory now, in bytes.</summary>
    public long WorkingSetBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as systemd, Docker and Kubernetes stop a service; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async Task<IReadOnlyList<PhoneEventDto>> EventsAsync(string handle) =>
        await Client.GetFromJsonAsync<List<PhoneEventDto>>($"/api/simulator/conversations/{Uri.EscapeDataString(handle)}/events") ?? [];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Tapback exited with code {_process.ExitCode} before it was healthy:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/healthz");
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

        throw new TimeoutException($"Tapback did not become healthy within 60 s:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lastLines.Enqueue(line);
        while (_lastLines.Count > 60 && _lastLines.TryDequeue(out _))
        {
        }
    }
}
