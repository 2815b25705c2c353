using System.Globalization;

namespace Tapback.Gateway.Actions;

/// <summary>
/// A scheduled send's time as every surface takes it: ISO 8601 / RFC 3339 with its offset
/// (<c>2026-12-24T18:00:00Z</c>, <c>2026-12-24T19:00:00+01:00</c>). A time without an offset is
/// refused rather than read in the server's zone, which the agent cannot know.
/// </summary>
internal static class SendAtText
{
    /// <summary>The time, or the refusal of a text that is none; (null, null) for no text.</summary>
    public static (DateTimeOffset? SendAt, ActionResult.Refused? Refusal) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var trimmed = text.Trim();
        var hasOffset = trimmed.EndsWith('Z') || trimmed.EndsWith('z')
            || (trimmed.Length > 6 && trimmed[^6] is '+' or '-' && trimmed[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? (at, null)
            : (null, Refusals.SendAtUnreadable(text));
    }
}
