using System.Globalization;

namespace Tapback.Messaging.Text;

/// <summary>
/// The last resort for a run with no whitespace (CJK prose, a giant URL): cut it into chunks of at
/// most maxLength at grapheme-cluster boundaries, so a ZWJ family, a flag or a skin tone is never
/// broken, preferring cuts outside URLs and outside words and numbers.
/// </summary>
internal static class TextElementBreaks
{
    public static List<(int Start, int End)> Split(string text, int start, int end, int maxLength)
    {
        var boundaries = new List<int>();
        for (var i = start; i < end;)
        {
            i += StringInfo.GetNextTextElementLength(text.AsSpan(i, end - i));
            boundaries.Add(i);
        }

        // A URL that fits in a bubble is never cut; a longer one must be.
        var urls = UrlSpans.Find(text, start, end).Where(url => url.End - url.Start <= maxLength).ToList();
        var chunks = new List<(int Start, int End)>();
        var position = start;
        while (end - position > maxLength)
        {
            var cut = ChooseCut(text, boundaries, urls, position, maxLength);
            chunks.Add((position, cut));
            position = cut;
        }

        if (position < end)
        {
            chunks.Add((position, end));
        }

        return chunks;
    }

    private static int ChooseCut(string text, List<int> boundaries, List<(int Start, int End)> urls, int position, int maxLength)
    {
        int clean = -1, outsideUrl = -1, any = -1;
        foreach (var boundary in boundaries)
        {
            if (boundary <= position)
            {
                continue;
            }

            if (boundary > position + maxLength)
            {
                // Not even one cluster fits: it goes alone, over the limit, rather than broken.
                return any > 0 ? Best(clean, outsideUrl, any, position, maxLength) : boundary;
            }

            any = boundary;
            if (!urls.Exists(url => url.Start < boundary && boundary < url.End))
            {
                outsideUrl = boundary;
                if (!IsInsideWord(text, boundary))
                {
                    clean = boundary;
                }
            }
        }

        return Best(clean, outsideUrl, any, position, maxLength);
    }

    // A clean cut wins unless it would leave a stub of a bubble behind.
    private static int Best(int clean, int outsideUrl, int any, int position, int maxLength) =>
        clean > position + (maxLength / 2) ? clean
        : outsideUrl > 0 ? outsideUrl
        : any;

    private static bool IsInsideWord(string text, int i)
    {
        var left = text[i - 1];
        var right = text[i];
        return (char.IsAsciiLetterOrDigit(left) && char.IsAsciiLetterOrDigit(right))
            || (char.IsAsciiDigit(left) && right is '.' or ',' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            || (left is '.' or ',' && char.IsAsciiDigit(right) && i >= 2 && char.IsAsciiDigit(text[i - 2]));
    }
}
