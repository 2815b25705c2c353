namespace Tapback.Transports.MacMessages.AppleScript;

/// <summary>
/// Runs an AppleScript with arguments (osascript on a Mac). The script source is fixed; everything a
/// user or a model wrote travels in <paramref name="arguments"/> (<c>on run argv</c>), never in the source.
/// </summary>
internal interface IAppleScriptRunner
{
    /// <summary>Runs the script to its end; cancelling stops it, and what it did is then unknown.</summary>
    Task<AppleScriptResult> RunAsync(string script, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default);
}
