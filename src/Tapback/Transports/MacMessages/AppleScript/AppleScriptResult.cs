namespace Tapback.Transports.MacMessages.AppleScript;

/// <summary>How a script ended: osascript's exit code and what it wrote.</summary>
internal sealed record AppleScriptResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;
}
