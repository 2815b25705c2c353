namespace Tapback.Messaging.Text;

/// <summary>
/// Cuts plain text into iMessage bubbles a person would have typed: one paragraph per bubble,
/// long paragraphs cut between lines, then between sentences, then between words, and only as
/// a last resort inside a word — never inside a grapheme cluster, nor inside a URL that fits.
/// </summary>
/// <remarks>
/// Length is counted in UTF-16 chars (<see cref="string.Length"/>), which is what transports
/// and their limits count; it over-counts emoji and so errs on the short side. A bubble exceeds
/// <c>maxLength</c> only when a single grapheme cluster is longer than <c>maxLength</c>.
/// </remarks>
internal static class BubbleSplitter
{
    public static IReadOnlyList<string> Split(string text, int maxLength = 280)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);

        var bubbles = new List<string>();
        foreach (var paragraph in Paragraphs(text))
        {
            if (paragraph.Length <= maxLength)
            {
                bubbles.Add(paragraph);
            }
            else
            {
                Pack(paragraph, Pieces(paragraph, maxLength), maxLength, bubbles);
            }
        }

        return bubbles;
    }

    // A blank (or whitespace-only) line ends a paragraph; that is how the markdown converter
    // separates blocks.
    private static List<string> Paragraphs(string text)
    {
        var paragraphs = new List<string>();
        var lines = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n').Append(string.Empty))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Add(line.TrimEnd());
            }
            else if (lines.Count > 0)
            {
                paragraphs.Add(string.Join('\n', lines).Trim());
                lines.Clear();
            }
        }

        return paragraphs;
    }

    // The smallest units a bubble may start or end at, coarsest that fits: whole lines (list
    // items stay whole), then sentences, then words, then runs of grapheme clusters.
    private static List<(int Start, int End)> Pieces(string paragraph, int maxLength)
    {
        var pieces = new List<(int Start, int End)>();
        foreach (var line in TextRanges.Lines(paragraph))
        {
            if (line.End - line.Start <= maxLength)
            {
                pieces.Add(line);
                continue;
            }

            foreach (var sentence in SentenceBoundaries.Sentences(paragraph, line.Start, line.End))
            {
                if (sentence.End - sentence.Start <= maxLength)
                {
                    pieces.Add(sentence);
                    continue;
                }

                foreach (var word in TextRanges.Words(paragraph, sentence.Start, sentence.End))
                {
                    if (word.End - word.Start <= maxLength)
                    {
                        pieces.Add(word);
                    }
                    else
                    {
                        pieces.AddRange(TextElementBreaks.Split(paragraph, word.Start, word.End, maxLength));
                    }
                }
            }
        }

        return pieces;
    }

    // Greedy: each bubble takes as many following pieces as fit. A bubble is the original text
    // from its first piece to its last, so the spaces and line breaks between pieces survive.
    private static void Pack(string paragraph, List<(int Start, int End)> pieces, int maxLength, List<string> bubbles)
    {
        var (start, end) = pieces[0];
        foreach (var piece in pieces.Skip(1))
        {
            if (piece.End - start <= maxLength)
            {
                end = piece.End;
                continue;
            }

            bubbles.Add(paragraph[start..end]);
            (start, end) = piece;
        }

        bubbles.Add(paragraph[start..end]);
    }
}
