using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Tapback.Bench;

/// <summary>
/// Drives an HTTP endpoint with wrk (C, one thread): the loader the issue's reference figures come
/// from, and one that leaves most of the two cores to the server, which a .NET loader does not.
/// </summary>
internal static partial class Wrk
{
    public static bool IsInstalled() =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(folder => File.Exists(Path.Combine(folder, "wrk")));

    /// <summary>Requests per second at <paramref name="connections"/>; throws when any answer was not 2xx.</summary>
    public static async Task<double> RateAsync(Uri url, int connections, TimeSpan duration, string run, IReadOnlyList<string> phones)
    {
        var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "-t1", $"-c{connections}", $"-d{duration.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)}s", "--timeout", "10s",
            "-s", Path.Combine(AppContext.BaseDirectory, "ingest.lua"), url.ToString(), "--", run, string.Join(',', phones),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || RequestsPerSecond().Match(output) is not { Success: true } rate)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {error}{output}");
        }

        if (NotSuccess().Match(output) is { Success: true } failed)
        {
            throw new InvalidOperationException($"{failed.Groups[1].Value} answers from {url} were not 2xx:\n{output}");
        }

        return double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NotSuccess();
}
