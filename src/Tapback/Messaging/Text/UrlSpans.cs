namespace Tapback.Messaging.Text;

/// <summary>Where URLs sit in plain text, so a forced cut can step around them.</summary>
internal static class UrlSpans
{
    private static readonly string[] Starts = ["https://", "http://", "www."];

    public static List<(int Start, int End)> Find(string text, int start, int end)
    {
        var spans = new List<(int Start, int End)>();
        var i = start;
        while (i < end)
        {
            var urlStart = NextStart(text, i, end);
            if (urlStart < 0)
            {
                break;
            }

            var urlEnd = urlStart;
            while (urlEnd < end && IsUrlChar(text[urlEnd]))
            {
                urlEnd++;
            }

            // Punctuation after a URL belongs to the sentence: "see https://a.io/x.html."
            while (urlEnd > urlStart && text[urlEnd - 1] is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"' or ')' or ']')
            {
                urlEnd--;
            }

            spans.Add((urlStart, urlEnd));
            i = Math.Max(urlEnd, urlStart + 1);
        }

        return spans;
    }

    private static int NextStart(string text, int i, int end)
    {
        var best = -1;
        foreach (var prefix in Starts)
        {
            var found = text.IndexOf(prefix, i, end - i, StringComparison.OrdinalIgnoreCase);
            if (found >= 0 && (best < 0 || found < best))
            {
                best = found;
            }
        }

        return best;
    }

    // Printable ASCII minus what never appears unescaped in a URL; CJK punctuation after a URL
    // with no space between ends it.
    private static bool IsUrlChar(char c) => c is > ' ' and < '\u007f' and not ('<' or '>' or '"' or '`');
}
