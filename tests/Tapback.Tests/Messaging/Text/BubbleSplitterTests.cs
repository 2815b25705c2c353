using System.Globalization;
using Tapback.Messaging.Text;

namespace Tapback.Tests.Messaging.Text;

public sealed class BubbleSplitterTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\n \t \r\n")]
    public void Split_EmptyOrWhitespace_ReturnsNoBubbles(string text)
    {
        Assert.Empty(BubbleSplitter.Split(text));
    }

    [Fact]
    public void Split_ShortText_ReturnsOneTrimmedBubble()
    {
        Assert.Equal(["Sure, see you at 5!"], BubbleSplitter.Split("  Sure, see you at 5!\n"));
    }

    [Fact]
    public void Split_Paragraphs_StartNewBubbles()
    {
        var bubbles = BubbleSplitter.Split("Hi!\n\nHere is the plan.\r\n\r\n  \n\nBye.");
        Assert.Equal(["Hi!", "Here is the plan.", "Bye."], bubbles);
    }

    [Fact]
    public void Split_LinesInsideParagraph_StayInOneBubble()
    {
        Assert.Equal(["Steps:\n• one\n• two"], BubbleSplitter.Split("Steps:\n• one\n• two"));
    }

    [Fact]
    public void Split_LongParagraph_PacksWholeSentences()
    {
        const string Text = "The first sentence is here. The second one follows it. A third closes the paragraph.";
        var bubbles = BubbleSplitter.Split(Text, "The first sentence is here. The second one follows it.".Length + 5);
        Assert.Equal(["The first sentence is here. The second one follows it.", "A third closes the paragraph."], bubbles);
    }

    [Theory]
    [InlineData("Sentence one is here. Ask Dr. Smith now.", "Ask Dr.")]
    [InlineData("Sentence one is here. Take fruit, e.g. Apples too.", "e.g.")]
    [InlineData("Sentence one is here. Pi is 3.14159 exactly.", "Pi is 3.")]
    [InlineData("Sentence one is here. We have 1,000.5 units.", "We have 1,000.")]
    public void Split_AbbreviationOrNumberAtTheLimit_IsNotASentenceEnd(string text, string tempting)
    {
        // The limit lets "…here. <tempting>" fit, so a false sentence end would cut right there.
        var limit = text.IndexOf(tempting, StringComparison.Ordinal) + tempting.Length;
        var bubbles = BubbleSplitter.Split(text, limit);
        Assert.Equal(["Sentence one is here.", text["Sentence one is here. ".Length..]], bubbles);
    }

    [Fact]
    public void Split_UrlAtSentenceEnd_StaysWholeWithItsPeriod()
    {
        const string Text = "For the details see https://a.io/x.html. The rest of the answer goes on after it.";
        var bubbles = BubbleSplitter.Split(Text, 45);
        Assert.Equal(["For the details see https://a.io/x.html.", "The rest of the answer goes on after it."], bubbles);
    }

    [Fact]
    public void Split_UrlsWithDotsAndQueries_NeverCut()
    {
        string[] urls = ["https://docs.example.com/v2.1/guide.html?lang=en&page=3#top", "http://a.io/x.y.z?q=1.5", "www.example.org/path/file.tar.gz"];
        var text = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"Link number {i} is {urls[i % urls.Length]} and it helps."));
        foreach (var limit in new[] { 60, 75, 100, 280 })
        {
            var bubbles = BubbleSplitter.Split(text, limit);
            AssertWithinLimit(bubbles, limit);
            AssertSameWords(text, bubbles);
        }
    }

    [Fact]
    public void Split_UrlInRunWithoutSpaces_IsNotCutWhenItFits()
    {
        const string Url = "https://example.com/a/b/c?x=1";
        var text = new string('字', 30) + Url + new string('字', 30);
        var bubbles = BubbleSplitter.Split(text, 40);
        Assert.Contains(bubbles, b => b.Contains(Url, StringComparison.Ordinal));
        AssertWithinLimit(bubbles, 40);
        Assert.Equal(text, string.Concat(bubbles));
    }

    [Fact]
    public void Split_UrlLongerThanLimit_IsCutIntoChunksWithinLimit()
    {
        var url = "https://example.com/" + string.Join('/', Enumerable.Range(0, 60).Select(i => $"seg{i}"));
        var bubbles = BubbleSplitter.Split($"Open {url} now.", 100);
        AssertWithinLimit(bubbles, 100);
        Assert.Equal($"Open{url}now.", string.Concat(bubbles).Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Split_LongCodeParagraph_SplitsBetweenLinesAndKeepsThem()
    {
        var lines = Enumerable.Range(0, 30).Select(i => $"    var x{i} = Compute(a.b, {i}.5); // step {i}. Done.").ToArray();
        var bubbles = BubbleSplitter.Split(string.Join('\n', lines), 200);
        AssertWithinLimit(bubbles, 200);
        var rejoined = bubbles.SelectMany(b => b.Split('\n')).Select(l => l.Trim()).ToArray();
        Assert.Equal(lines.Select(l => l.Trim()), rejoined);
    }

    [Fact]
    public void Split_LongList_KeepsEachItemOnOneLineInOneBubble()
    {
        var items = Enumerable.Range(1, 20).Select(i => $"{i}. Item number {i} has a few words. And a second sentence.").ToArray();
        var bubbles = BubbleSplitter.Split("Here you go:\n" + string.Join('\n', items), 180);
        AssertWithinLimit(bubbles, 180);
        Assert.All(bubbles.SelectMany(b => b.Split('\n')).Skip(1), line => Assert.Contains(line, items));
    }

    [Fact]
    public void Split_SentenceLongerThanLimit_CutsAtLastSpaceBeforeLimit()
    {
        const string Text = "aaaa bbbb cccc dddd eeee ffff";
        Assert.Equal(["aaaa bbbb cccc", "dddd eeee ffff"], BubbleSplitter.Split(Text, 16));
    }

    [Theory]
    [InlineData("👨‍👩‍👧‍👦")]
    [InlineData("🇺🇸")]
    [InlineData("👍🏽")]
    [InlineData("🏳️‍🌈")]
    [InlineData("e\u0301")]
    public void Split_EmojiRunsNearTheLimit_NeverCutAGraphemeCluster(string emoji)
    {
        var run = string.Concat(Enumerable.Repeat(emoji, 25));
        foreach (var text in new[] { run, "ok " + run, "hello" + run + " bye", "word " + run.Replace(emoji + emoji, emoji + " " + emoji, StringComparison.Ordinal) })
        {
            for (var limit = 12; limit < 60; limit++)
            {
                var bubbles = BubbleSplitter.Split(text, limit);
                AssertWithinLimit(bubbles, limit);
                AssertWholeGraphemes(text, bubbles);
                Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), string.Concat(bubbles).Replace(" ", "", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Split_GraphemeLongerThanLimit_GoesAloneRatherThanBroken()
    {
        var bubbles = BubbleSplitter.Split("👨‍👩‍👧‍👦👨‍👩‍👧‍👦", 5);
        Assert.Equal(["👨‍👩‍👧‍👦", "👨‍👩‍👧‍👦"], bubbles);
    }

    [Fact]
    public void Split_CjkParagraph_SplitsAfterFullStopsWithoutSpaces()
    {
        var text = string.Concat(Enumerable.Range(0, 40).Select(i => $"这是第{i}个句子，内容很简单。"));
        var bubbles = BubbleSplitter.Split(text, 50);
        AssertWithinLimit(bubbles, 50);
        Assert.All(bubbles, b => Assert.EndsWith("。", b, StringComparison.Ordinal));
        Assert.Equal(text, string.Concat(bubbles));
    }

    [Fact]
    public void Split_JapaneseWithExclamationsAndQuestions_SplitsAtThem()
    {
        var text = string.Concat(Enumerable.Repeat("本当にすごいですね！どうしてですか？", 10));
        var bubbles = BubbleSplitter.Split(text, 30);
        AssertWithinLimit(bubbles, 30);
        Assert.All(bubbles, b => Assert.True(b.EndsWith('！') || b.EndsWith('？')));
        Assert.Equal(text, string.Concat(bubbles));
    }

    [Fact]
    public void Split_CjkWithoutPunctuation_CutsAtCharactersWithinLimit()
    {
        var text = string.Concat(Enumerable.Repeat("汉字𠀀", 200));
        var bubbles = BubbleSplitter.Split(text, 280);
        AssertWithinLimit(bubbles, 280);
        AssertWholeGraphemes(text, bubbles);
        Assert.Equal(text, string.Concat(bubbles));
    }

    [Fact]
    public void Split_FiveThousandCharacterAnswer_KeepsEveryWordInOrderWithinLimit()
    {
        var text = LongAnswer.Build(5_000);
        Assert.True(text.Length >= 5_000);

        var bubbles = BubbleSplitter.Split(text);

        AssertWithinLimit(bubbles, 280);
        AssertSameWords(text, bubbles);
        Assert.All(bubbles, b => Assert.Equal(b.Trim(), b));
        Assert.All(bubbles, b => Assert.NotEmpty(b));
        Assert.True(bubbles.Count >= 5_000 / 280);
    }

    [Fact]
    public void Split_ConvertedMarkdown_EachBlockIsABubble()
    {
        var plain = MarkdownToPlainText.Convert("# Plan\nDo **this**.\n\n- a\n- b\n\n```\nx = 1\n```");
        Assert.Equal(["Plan", "Do this.", "• a\n• b", "x = 1"], BubbleSplitter.Split(plain));
    }

    [Fact]
    public void Split_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => BubbleSplitter.Split(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => BubbleSplitter.Split("x", 0));
    }

    private static void AssertWithinLimit(IReadOnlyList<string> bubbles, int limit) =>
        Assert.All(bubbles, b => Assert.InRange(b.Length, 1, limit));

    private static void AssertSameWords(string text, IReadOnlyList<string> bubbles) =>
        Assert.Equal(Words(text), bubbles.SelectMany(Words));

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static void AssertWholeGraphemes(string text, IReadOnlyList<string> bubbles)
    {
        var whole = TextElements(text).ToHashSet();
        Assert.All(bubbles.SelectMany(TextElements), element => Assert.Contains(element, whole));
    }

    private static IEnumerable<string> TextElements(string text)
    {
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            yield return e.GetTextElement();
        }
    }
}
