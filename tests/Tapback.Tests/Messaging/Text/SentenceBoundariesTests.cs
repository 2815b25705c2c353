using Tapback.Messaging.Text;

namespace Tapback.Tests.Messaging.Text;

public sealed class SentenceBoundariesTests
{
    [Theory]
    [InlineData("One. Two! Three? Four", new[] { "One.", "Two!", "Three?", "Four" })]
    [InlineData("Wait... What?! Really…", new[] { "Wait...", "What?!", "Really…" })]
    [InlineData("He said \"Go.\" Then left.", new[] { "He said \"Go.\"", "Then left." })]
    [InlineData("(It works.) Fine.", new[] { "(It works.)", "Fine." })]
    public void Sentences_Terminators_EndSentences(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(text));
    }

    [Theory]
    [InlineData("Ask Dr. Smith. He knows.", new[] { "Ask Dr. Smith.", "He knows." })]
    [InlineData("Mr. and Mrs. Jones met Ms. Lee. Done.", new[] { "Mr. and Mrs. Jones met Ms. Lee.", "Done." })]
    [InlineData("Visit St. Louis vs. Chicago. Go.", new[] { "Visit St. Louis vs. Chicago.", "Go." })]
    [InlineData("Fruit, e.g. Apples, i.e. Red ones. Yes.", new[] { "Fruit, e.g. Apples, i.e. Red ones.", "Yes." })]
    [InlineData("At 9 a.m. We left at 5 p.m. Sharp.", new[] { "At 9 a.m. We left at 5 p.m. Sharp." })]
    [InlineData("The U.S. Army came. Ok.", new[] { "The U.S. Army came.", "Ok." })]
    [InlineData("Read J. R. R. Tolkien. Now.", new[] { "Read J. R. R. Tolkien.", "Now." })]
    [InlineData("Apples, pears, etc. and more. Then.", new[] { "Apples, pears, etc. and more.", "Then." })]
    [InlineData("Apples, pears, etc. Then more.", new[] { "Apples, pears, etc.", "Then more." })]
    [InlineData("(e.g. This one) works. Yes.", new[] { "(e.g. This one) works.", "Yes." })]
    public void Sentences_Abbreviations_DoNotEndSentences(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(text));
    }

    [Theory]
    [InlineData("Pi is 3.14 today. Yes.", new[] { "Pi is 3.14 today.", "Yes." })]
    [InlineData("Costs 1,000.50 dollars. Ok.", new[] { "Costs 1,000.50 dollars.", "Ok." })]
    [InlineData("Use v2.0.1 now. Ok.", new[] { "Use v2.0.1 now.", "Ok." })]
    [InlineData("See https://a.io/x.html?q=1.2&b=c. Then go.", new[] { "See https://a.io/x.html?q=1.2&b=c.", "Then go." })]
    [InlineData("see https://a.io/x.html.", new[] { "see https://a.io/x.html." })]
    [InlineData("It was 2024. Then came 2025.", new[] { "It was 2024.", "Then came 2025." })]
    public void Sentences_DotsInsideTokens_DoNotEndSentences(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(text));
    }

    [Fact]
    public void Sentences_ListNumberAtLineStart_IsNotASentence()
    {
        Assert.Equal(["12. Buy milk.", "Then eggs."], Sentences("12. Buy milk. Then eggs."));
    }

    [Theory]
    [InlineData("今天天气很好。我们去公园吧！你来吗？好", new[] { "今天天气很好。", "我们去公园吧！", "你来吗？", "好" })]
    [InlineData("「行くよ。」と言った。", new[] { "「行くよ。」", "と言った。" })]
    [InlineData("价格是3.14元。好的。", new[] { "价格是3.14元。", "好的。" })]
    public void Sentences_Cjk_EndWithoutSpaces(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(text));
    }

    private static string[] Sentences(string text) =>
        [.. SentenceBoundaries.Sentences(text, 0, text.Length).Select(r => text[r.Start..r.End])];
}
