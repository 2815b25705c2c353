using System.Text;

namespace Tapback.Messaging.Text;

/// <summary>
/// A caller's own input repeated in an answer (an id in a refusal, a frame type in an error): short and
/// printable, so a megabyte of control characters comes back as a short reminder, not the megabyte.
/// </summary>
internal static class EchoText
{
    /// <summary>
    /// <paramref name="value"/> with control characters and broken surrogate pairs replaced by U+FFFD
    /// and cut (ending in …) so that it is at most <paramref name="max"/> characters.
    /// </summary>
    public static string Bounded(string value, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        // Replacing keeps the length (a rune for a rune of the same size), so whether it fits is known up front.
        var fits = value.Length <= max;
        var room = fits ? max : max - 1;
        var builder = new StringBuilder(Math.Min(value.Length, max));
        // EnumerateRunes already turns a lone surrogate into U+FFFD, which a JSON writer would refuse.
        foreach (var rune in value.EnumerateRunes())
        {
            if (builder.Length + rune.Utf16SequenceLength > room)
            {
                break;
            }

            builder.Append((Rune.IsControl(rune) ? Rune.ReplacementChar : rune).ToString());
        }

        if (!fits)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }
}
