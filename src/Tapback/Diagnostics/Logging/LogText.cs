using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Tapback.Diagnostics.Logging;

/// <summary>
/// What a value may look like in a log line above Debug: control characters, line breaks, direction
/// overrides and broken surrogate pairs written as escapes (so a client cannot forge a line or hide
/// text), a bounded length, and a URL without its query string (where secrets such as BlueBubbles'
/// <c>?secret=</c> travel).
/// </summary>
internal static partial class LogText
{
    /// <summary>The longest single value kept in a log entry's structured state.</summary>
    public const int MaxValueLength = 512;

    /// <summary>The longest formatted log message.</summary>
    public const int MaxMessageLength = 4096;

    public static string Escape(string text, int maxLength)
    {
        var length = Math.Min(text.Length, maxLength);
        if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        StringBuilder? escaped = null;
        for (var index = 0; index < length; index++)
        {
            var c = text[index];
            var pairStart = char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]);
            if (pairStart)
            {
                escaped?.Append(c).Append(text[index + 1]);
                index++;
                continue;
            }

            if (!NeedsEscape(c))
            {
                escaped?.Append(c);
                continue;
            }

            escaped ??= new StringBuilder(length + 16).Append(text, 0, index);
            escaped.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }

        var result = escaped?.ToString() ?? (length == text.Length ? text : text[..length]);
        return length < text.Length
            ? $"{result}…({(text.Length - length).ToString(CultureInfo.InvariantCulture)} more characters)"
            : result;
    }

    /// <summary>
    /// The text with every URL's query string removed: an absolute URL or a path (ASP.NET Core's
    /// request logs), and a query string alone (they carry it as a value of its own) becomes empty.
    /// </summary>
    public static string WithoutQueries(string text) =>
        text.StartsWith('?') ? string.Empty : text.Contains('?', StringComparison.Ordinal) ? UrlQuery().Replace(text, "${keep}") : text;

    // A scheme and address, or a path at the start of the text or after a space, quote, bracket or '=';
    // then '?' and everything up to the next space, quote or fragment.
    [GeneratedRegex("""(?<keep>[A-Za-z][A-Za-z0-9+.-]*://[^\s?#]*|(?<=^|[\s'"(\[=])/[^\s?#]*)\?[^\s#'"]*""", RegexOptions.CultureInvariant)]
    private static partial Regex UrlQuery();

    // C0 and C1 controls, DEL, lone surrogates, and the invisible marks that reorder or hide text.
    private static bool NeedsEscape(char c) =>
        char.IsControl(c)
        || char.IsSurrogate(c)
        || c is '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';
}
