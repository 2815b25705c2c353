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
        var process = Process.Start(await StartInfoAsync(dataDirectory, settings, baseAddress)) ?? throw new InvalidOperationException("dotnet did not start.");
        // Drain the pipes so a chatty process never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var tapback = new TapbackProcess(process, baseAddress);
        await tapback.WaitUntilHealthyAsync();
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
                throw new InvalidOperationException($"Tapback exited with code {_process.ExitCode} before it was healthy.");
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

        throw new TimeoutException("Tapback did not become healthy within 60 s.");
    }
}
