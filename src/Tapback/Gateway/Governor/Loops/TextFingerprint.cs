using System.Text;

namespace Tapback.Gateway.Governor.Loops;

/// <summary>
/// A text as the loop breaker compares it: letters and digits only, lower-case, single spaces. A bot's
/// "Sorry, I didn't get that." and "sorry i didnt get that" are the same reply.
/// </summary>
internal static class TextFingerprint
{
    public static string Of(string text)
    {
        var normalised = new StringBuilder(text.Length);
        var space = false;
        foreach (var rune in text.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                if (space && normalised.Length > 0)
                {
                    normalised.Append(' ');
                }

                space = false;
                normalised.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (Rune.IsWhiteSpace(rune))
            {
                space = true;
            }
        }

        return normalised.ToString();
    }

    /// <summary>The start of <paramref name="text"/> for the operator's page, cut on a character boundary.</summary>
    public static string Preview(string text, int length = 60)
    {
        var trimmed = text.Trim();
        if (trimmed.Length <= length)
        {
            return trimmed;
        }

        var cut = length;
        if (char.IsHighSurrogate(trimmed[cut - 1]))
        {
            cut--;
        }

        return string.Concat(trimmed.AsSpan(0, cut), "…");
    }
}
