using System.Collections.Frozen;

namespace Tapback.Messaging.Text;

/// <summary>
/// Finds where sentences end in one line of plain text. Errs towards "not an end": a missed end
/// only makes the splitter fall back to a word break, a false end cuts "Dr. | Smith" apart.
/// </summary>
internal static class SentenceBoundaries
{
    // Abbreviations that never end a sentence. "etc." is absent on purpose: it ends one unless a
    // lowercase word follows, which the general lowercase rule below already covers.
    private static readonly FrozenSet<string> Abbreviations = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "dr.", "mr.", "mrs.", "ms.", "st.", "vs.", "e.g.", "i.e.", "a.m.", "p.m.", "u.s.");

    public static List<(int Start, int End)> Sentences(string text, int start, int end)
    {
        var sentences = new List<(int Start, int End)>();
        var sentenceStart = start;
        var i = start;
        while (i < end)
        {
            if (!IsTerminator(text[i]))
            {
                i++;
                continue;
            }

            var runStart = i;
            var cjk = false;
            while (i < end && IsTerminator(text[i]))
            {
                cjk |= text[i] is '。' or '！' or '？';
                i++;
            }

            var runEnd = i;
            while (i < end && IsClosing(text[i]))
            {
                i++;
            }

            // CJK writes no space after a full stop, so its terminators end a sentence outright.
            if (i < end && (cjk || IsLatinEnd(text, start, runStart, runEnd, i, end)))
            {
                TextRanges.AddTrimmed(text, sentenceStart, i, sentences);
                sentenceStart = i;
            }
        }

        TextRanges.AddTrimmed(text, sentenceStart, end, sentences);
        return sentences;
    }

    // A Latin terminator ends a sentence only before whitespace: that alone keeps "3.14",
    // "v2.0.1" and "https://a.io/x.html" whole, since none of them contains a space.
    private static bool IsLatinEnd(string text, int lineStart, int runStart, int runEnd, int after, int end) =>
        char.IsWhiteSpace(text[after])
        && !NextWordIsLowercase(text, after, end)
        && !(runEnd - runStart == 1 && text[runStart] == '.' && IsAbbreviation(text, lineStart, runStart));

    // Models capitalise every new sentence, so a lowercase word after a dot means the dot was an
    // abbreviation we do not list ("approx. five", "etc. and").
    private static bool NextWordIsLowercase(string text, int i, int end)
    {
        while (i < end && (char.IsWhiteSpace(text[i]) || IsOpening(text[i])))
        {
            i++;
        }

        return i < end && char.IsLower(text[i]);
    }

    private static bool IsAbbreviation(string text, int lineStart, int dot)
    {
        var tokenStart = dot;
        while (tokenStart > lineStart && !char.IsWhiteSpace(text[tokenStart - 1]) && !IsOpening(text[tokenStart - 1]))
        {
            tokenStart--;
        }

        var token = text.AsSpan(tokenStart, dot + 1 - tokenStart);
        var isInitial = token.Length == 2 && char.IsUpper(token[0]);

        // "12. Step" at the start of a list line is the item's number, not a sentence.
        var isListNumber = tokenStart == lineStart && token.Length > 1 && !token[..^1].ContainsAnyExceptInRange('0', '9');
        return isInitial || isListNumber || Abbreviations.Contains(token.ToString());
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…' or '。' or '！' or '？';

    private static bool IsClosing(char c) =>
        c is '"' or '\'' or ')' or ']' or '}' or '”' or '’' or '»' or '›' or '」' or '』' or '）' or '］' or '】' or '》' or '〉' or '〕';

    private static bool IsOpening(char c) =>
        c is '"' or '\'' or '(' or '[' or '{' or '“' or '‘' or '«' or '‹' or '「' or '『' or '（' or '［' or '【' or '《' or '〈' or '〔';
}
