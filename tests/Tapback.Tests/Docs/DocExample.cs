using System.Diagnostics;
using System.Text.RegularExpressions;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Docs;

/// <summary>
/// A shell example as a doc shows it: read from docs/, its variables set to the test host's values
/// (each must be assigned in the example, so the doc keeps saying what to set), and run with bash.
/// </summary>
internal static partial class DocExample
{
    /// <summary>The <paramref name="index"/>th <c>```sh</c> block of <c>docs/<paramref name="doc"/></c>.</summary>
    public static string Shell(string doc, int index = 0)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", doc));
        var blocks = ShellBlock().Matches(text);
        Assert.True(blocks.Count > index, $"docs/{doc} has no sh block number {index + 1}.");
        return blocks[index].Groups["script"].Value;
    }

    /// <summary>What the example assigns to <paramref name="name"/>.</summary>
    public static string Variable(string script, string name)
    {
        var match = Regex.Match(script, $"^{name}=(?<value>\\S+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"The example sets no {name}:\n{script}");
        return match.Groups["value"].Value;
    }

    /// <summary>Runs <paramref name="script"/> with bash, <paramref name="values"/> in place of its own assignments; returns what it printed.</summary>
    public static async Task<string> RunAsync(string script, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            Variable(script, name);
            script = Regex.Replace(script, $"^{name}=.*$", $"{name}='{value}'", RegexOptions.Multiline);
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // Only a guard against a hang: the example's calls go to a host on loopback.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"The example exited {process.ExitCode}: {await errors}\n{script}");
        return await output;
    }

    [GeneratedRegex(@"^```sh\n(?<script>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ShellBlock();
}
