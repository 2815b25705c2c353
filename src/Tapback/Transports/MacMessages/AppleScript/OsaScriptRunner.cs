using CliWrap;
using CliWrap.Buffered;

namespace Tapback.Transports.MacMessages.AppleScript;

/// <summary>
/// Runs scripts with <c>osascript -e &lt;line&gt; … &lt;argument&gt; …</c>: each source line is its own
/// <c>-e</c>, the arguments follow, and no shell is involved, so no argument is ever read as script.
/// </summary>
internal sealed class OsaScriptRunner(string osascriptPath) : IAppleScriptRunner
{
    public async Task<AppleScriptResult> RunAsync(string script, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var argv = new List<string>();
        foreach (var line in script.Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                argv.Add("-e");
                argv.Add(line.TrimEnd('\r'));
            }
        }

        argv.AddRange(arguments);
        var result = await Cli.Wrap(osascriptPath)
            .WithArguments(argv)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        return new AppleScriptResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
