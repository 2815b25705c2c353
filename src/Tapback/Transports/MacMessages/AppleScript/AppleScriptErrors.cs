using System.Globalization;
using System.Text.RegularExpressions;
using Tapback.Messaging;

namespace Tapback.Transports.MacMessages.AppleScript;

/// <summary>
/// Turns osascript's "execution error: … (-1743)" into a failure the operator can act on. The text
/// never includes the recipient: exception messages reach logs.
/// </summary>
internal static partial class AppleScriptErrors
{
    public const int NotAuthorized = -1743;

    public const string AutomationHelp =
        "macOS did not let Tapback control Messages (AppleScript error -1743: not authorised to send Apple events). "
        + "Open System Settings → Privacy & Security → Automation, find the app that runs Tapback (Terminal, iTerm, or the tapback binary) "
        + "and turn on Messages under it. If it is not listed, run Tapback once from that app and answer the prompt macOS shows.";

    public static int? CodeOf(string error)
    {
        var match = ErrorCode().Match(error);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    public static TransportException ToException(AppleScriptResult result)
    {
        var code = CodeOf(result.Error);
        return code switch
        {
            NotAuthorized => new TransportException(AutomationHelp, retryable: false),
            -1728 or -1719 => new TransportException(
                $"Messages does not know this recipient or chat (AppleScript error {code}): check that the chat exists in Messages on this Mac and that its account is signed in.",
                retryable: false),
            -600 or -609 or -1712 => new TransportException(
                $"Messages did not answer (AppleScript error {code}); it is tried again. Check that Messages can start and is signed in.",
                retryable: true),
            _ => new TransportException(
                $"Messages refused the send (osascript exit {result.ExitCode}{(code is null ? string.Empty : $", AppleScript error {code}")}).",
                retryable: true),
        };
    }

    [GeneratedRegex(@"\((-?\d+)\)\s*$")]
    private static partial Regex ErrorCode();
}
