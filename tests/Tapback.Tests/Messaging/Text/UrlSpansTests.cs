using Tapback.Messaging.Text;

namespace Tapback.Tests.Messaging.Text;

public sealed class UrlSpansTests
{
    [Theory]
    [InlineData("see https://a.io/x.html.", "https://a.io/x.html")]
    [InlineData("(https://a.io/x?q=1&b=2)", "https://a.io/x?q=1&b=2")]
    [InlineData("HTTP://A.IO/Path, then", "HTTP://A.IO/Path")]
    [InlineData("去www.example.com/a。好", "www.example.com/a")]
    public void Find_UrlInText_ExcludesTrailingPunctuation(string text, string expected)
    {
        var span = Assert.Single(UrlSpans.Find(text, 0, text.Length));
        Assert.Equal(expected, text[span.Start..span.End]);
    }

    [Fact]
    public void Find_NoUrl_ReturnsNothing()
    {
        Assert.Empty(UrlSpans.Find("no links here, e.g. v2.0.1", 0, 26));
    }
}
