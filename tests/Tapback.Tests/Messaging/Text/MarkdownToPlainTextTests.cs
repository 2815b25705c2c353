using Tapback.Messaging.Text;

namespace Tapback.Tests.Messaging.Text;

public sealed class MarkdownToPlainTextTests
{
    [Theory]
    [InlineData("Hello **world**", "Hello world")]
    [InlineData("Hello __world__", "Hello world")]
    [InlineData("an *important* _point_", "an important point")]
    [InlineData("***both*** at once", "both at once")]
    [InlineData("~~old~~ new", "old new")]
    [InlineData("snake_case_name stays", "snake_case_name stays")]
    [InlineData("about ~5 to ~10 minutes", "about ~5 to ~10 minutes")]
    public void Convert_Emphasis_KeepsWordsWithoutMarkers(string markdown, string expected)
    {
        Assert.Equal(expected, MarkdownToPlainText.Convert(markdown));
    }

    [Theory]
    [InlineData("# Title", "Title")]
    [InlineData("### Deep *title*", "Deep title")]
    [InlineData("Title\n=====", "Title")]
    public void Convert_Heading_BecomesItsText(string markdown, string expected)
    {
        Assert.Equal(expected, MarkdownToPlainText.Convert(markdown));
    }

    [Fact]
    public void Convert_HeadingBetweenParagraphs_IsItsOwnParagraph()
    {
        var text = MarkdownToPlainText.Convert("Intro.\n## Steps\nDo this.");
        Assert.Equal("Intro.\n\nSteps\n\nDo this.", text);
    }

    [Theory]
    [InlineData("Read [docs](https://x.io) now", "Read docs (https://x.io) now")]
    [InlineData("[https://x.io](https://x.io)", "https://x.io")]
    [InlineData("[x.io/docs](https://x.io/docs/)", "https://x.io/docs/")]
    [InlineData("<https://x.io/a?b=1&c=2>", "https://x.io/a?b=1&c=2")]
    [InlineData("see https://x.io/a_b_c_d and more", "see https://x.io/a_b_c_d and more")]
    [InlineData("see www.x.io/docs", "see www.x.io/docs")]
    [InlineData("[**bold** link](https://x.io)", "bold link (https://x.io)")]
    [InlineData("[the guide][g]\n\n[g]: https://x.io/guide", "the guide (https://x.io/guide)")]
    [InlineData("[mail me](mailto:a@x.io)", "mail me (a@x.io)")]
    [InlineData("<a@x.io>", "a@x.io")]
    [InlineData("[a@x.io](mailto:a@x.io)", "a@x.io")]
    [InlineData("jump to [setup](#setup)", "jump to setup")]
    public void Convert_Link_KeepsUrlVisible(string markdown, string expected)
    {
        Assert.Equal(expected, MarkdownToPlainText.Convert(markdown));
    }

    [Theory]
    [InlineData("![a cat](https://x.io/cat.png)", "a cat (https://x.io/cat.png)")]
    [InlineData("![](https://x.io/cat.png)", "https://x.io/cat.png")]
    public void Convert_Image_BecomesAltTextAndUrl(string markdown, string expected)
    {
        Assert.Equal(expected, MarkdownToPlainText.Convert(markdown));
    }

    [Theory]
    [InlineData("- one\n- two\n- three")]
    [InlineData("* one\n* two\n* three")]
    [InlineData("+ one\n+ two\n+ three")]
    public void Convert_BulletList_BecomesBulletLines(string markdown)
    {
        Assert.Equal("• one\n• two\n• three", MarkdownToPlainText.Convert(markdown));
    }

    [Fact]
    public void Convert_OrderedList_KeepsAndRenumbersNumbers()
    {
        Assert.Equal("1. first\n2. second\n3. third", MarkdownToPlainText.Convert("1. first\n1. second\n1. third"));
        Assert.Equal("3. c\n4. d", MarkdownToPlainText.Convert("3) c\n4) d"));
    }

    [Fact]
    public void Convert_NestedLists_IndentTwoSpacesPerLevel()
    {
        const string Markdown = "- fruit\n  - apple\n    1. green\n    2. red\n- veg";
        Assert.Equal("• fruit\n  • apple\n    1. green\n    2. red\n• veg", MarkdownToPlainText.Convert(Markdown));
    }

    [Fact]
    public void Convert_LooseListWithSecondParagraph_KeepsItemsAsLines()
    {
        const string Markdown = "- one\n\n  more about one\n\n- two";
        Assert.Equal("• one\n  more about one\n• two", MarkdownToPlainText.Convert(Markdown));
    }

    [Fact]
    public void Convert_ListAfterParagraph_IsSeparateParagraph()
    {
        Assert.Equal("You need:\n\n• a bold one\n• b", MarkdownToPlainText.Convert("You need:\n- a **bold** one\n- b"));
    }

    [Fact]
    public void Convert_CodeSpan_KeepsContentWithoutBackticks()
    {
        Assert.Equal("run dotnet test *now* please", MarkdownToPlainText.Convert("run `dotnet test *now*` please"));
        Assert.Equal("a `tick` inside", MarkdownToPlainText.Convert("``a `tick` inside``"));
    }

    [Fact]
    public void Convert_FencedCode_KeepsLinesVerbatimAsOwnParagraph()
    {
        const string Markdown = "Try this:\n```csharp\nif (x) {\n    y = a * b; // **not bold**\n}\n```\nDone.";
        Assert.Equal("Try this:\n\nif (x) {\n    y = a * b; // **not bold**\n}\n\nDone.", MarkdownToPlainText.Convert(Markdown));
    }

    [Fact]
    public void Convert_IndentedCode_KeepsLines()
    {
        Assert.Equal("Code:\n\nx = 1\ny = 2", MarkdownToPlainText.Convert("Code:\n\n    x = 1\n    y = 2"));
    }

    [Fact]
    public void Convert_BlockQuote_BecomesItsText()
    {
        Assert.Equal("He said:\n\nbe *kind*\nalways\n\nOk.",
            MarkdownToPlainText.Convert("He said:\n> be \\*kind\\*  \n> always\n\nOk."));
    }

    [Fact]
    public void Convert_Table_BecomesPipeLines()
    {
        const string Markdown = "| Name | Price |\n|---|---:|\n| **Tea** | $3 |\n| Coffee | $4 |";
        Assert.Equal("Name | Price\nTea | $3\nCoffee | $4", MarkdownToPlainText.Convert(Markdown));
    }

    [Fact]
    public void Convert_HorizontalRule_IsDropped()
    {
        Assert.Equal("above\n\nbelow", MarkdownToPlainText.Convert("above\n\n---\n\nbelow"));
    }

    [Theory]
    [InlineData("press <kbd>Ctrl</kbd> now", "press Ctrl now")]
    [InlineData("line one<br>line two", "line one\nline two")]
    [InlineData("<div>\n<p>Hello &amp; <b>bye</b></p>\n<p>Next</p>\n</div>", "Hello & bye\nNext")]
    [InlineData("<!-- hidden -->\nshown", "shown")]
    [InlineData("<script>alert(1)</script>\n\nok", "ok")]
    [InlineData("Fish &amp; chips &copy;", "Fish & chips ©")]
    public void Convert_Html_IsStrippedToText(string markdown, string expected)
    {
        Assert.Equal(expected, MarkdownToPlainText.Convert(markdown));
    }

    [Fact]
    public void Convert_Paragraphs_SeparatedByExactlyOneBlankLine()
    {
        Assert.Equal("one\n\ntwo\n\nthree", MarkdownToPlainText.Convert("one\n\n\n\ntwo\n\n   \n\nthree\n\n"));
    }

    [Fact]
    public void Convert_SoftBreak_BecomesSpace()
    {
        Assert.Equal("one two", MarkdownToPlainText.Convert("one\ntwo"));
    }

    [Theory]
    [InlineData("one  \ntwo")]
    [InlineData("one\\\ntwo")]
    public void Convert_HardBreak_BecomesNewLine(string markdown)
    {
        Assert.Equal("one\ntwo", MarkdownToPlainText.Convert(markdown));
    }

    [Theory]
    [InlineData(@"\*not emphasis\*", "*not emphasis*")]
    [InlineData(@"\# not a heading", "# not a heading")]
    [InlineData(@"use \`x\` and \_y\_", "use `x` and _y_")]
    [InlineData(@"1\. not a list", "1. not a list")]
    public void Convert_EscapedCharacters_ComeOutLiteral(string markdown, string expected)
    {
        Assert.Equal(expected, MarkdownToPlainText.Convert(markdown));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("---")]
    public void Convert_NothingVisible_ReturnsEmpty(string markdown)
    {
        Assert.Equal(string.Empty, MarkdownToPlainText.Convert(markdown));
    }

    [Fact]
    public void Convert_TypicalLlmAnswer_LeavesNoMarkup()
    {
        const string Markdown = """
            ## Quick answer

            You can **reset** it in *Settings*. Steps:

            1. Open `Settings` → **General**
            2. Tap _Reset_
               - choose **Reset All**
            3. See [the guide](https://support.example.com/reset?id=42&lang=en).

            ```bash
            tapback reset --all
            ```

            > **Note:** this can't be undone.

            ---
            | Option | Effect |
            |--------|--------|
            | `--all` | everything |
            """;
        var text = MarkdownToPlainText.Convert(Markdown);
        Assert.Equal("""
            Quick answer

            You can reset it in Settings. Steps:

            1. Open Settings → General
            2. Tap Reset
              • choose Reset All
            3. See the guide (https://support.example.com/reset?id=42&lang=en).

            tapback reset --all

            Note: this can't be undone.

            Option | Effect
            --all | everything
            """, text);
        Assert.DoesNotContain("*", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => MarkdownToPlainText.Convert(null!));
    }
}
