using CliWrap;
using CliWrap.Buffered;
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
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", doc));
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

        // The time limit only guards against a hang: the example's calls go to a host on loopback.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await Cli.Wrap("bash").WithArguments(["-e", "-c", script])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancel.Token);
        Assert.True(result.ExitCode == 0, $"The example exited {result.ExitCode}: {result.StandardError}\n{script}");
        return result.StandardOutput;
    }

    [GeneratedRegex(@"^```sh\n(?<script>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ShellBlock();
}
