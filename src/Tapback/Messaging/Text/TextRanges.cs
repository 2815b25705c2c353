namespace Tapback.Messaging.Text;

/// <summary>Ranges of lines and words in a string, each without surrounding whitespace.</summary>
internal static class TextRanges
{
    public static List<(int Start, int End)> Lines(string text)
    {
        var lines = new List<(int Start, int End)>();
        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            AddTrimmed(text, start, end, lines);
            start = end + 1;
        }

        return lines;
    }

    public static List<(int Start, int End)> Words(string text, int start, int end)
    {
        var words = new List<(int Start, int End)>();
        var i = start;
        while (i < end)
        {
            while (i < end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var wordStart = i;
            while (i < end && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > wordStart)
            {
                words.Add((wordStart, i));
            }
        }

        return words;
    }

    public static void AddTrimmed(string text, int start, int end, List<(int Start, int End)> ranges)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            ranges.Add((start, end));
        }
    }
}
