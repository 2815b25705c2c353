using Tapback.Diagnostics.Logging;

namespace Tapback.Tests.Diagnostics;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a\r\nb\tc", "a\\r\\nb\\tc")]
    [InlineData("nul\0bell\a", "nul\\u0000bell\\u0007")]
    [InlineData("rtl\u202eevil", "rtl\\u202eevil")]
    [InlineData("emoji 👍🏽 kept", "emoji 👍🏽 kept")]
    public void Escape_ControlAndInvisibleCharacters_WrittenAsEscapes(string text, string expected) =>
        Assert.Equal(expected, LogText.Escape(text, 100));

    [Fact]
    public void Escape_LoneSurrogates_WrittenAsEscapes()
    {
        // Built in code: an attribute's string cannot carry a lone surrogate.
        var text = "lone " + '\ud800' + " high, lone " + '\udc00' + " low";

        Assert.Equal("lone \\ud800 high, lone \\udc00 low", LogText.Escape(text, 100));
    }

    [Fact]
    public void Escape_LongValue_CappedWithTheCountLeftOut()
    {
        var escaped = LogText.Escape(new string('x', 1000), 10);

        Assert.Equal("xxxxxxxxxx…(990 more characters)", escaped);
    }

    [Fact]
    public void Escape_CapInsideASurrogatePair_CutsBeforeThePair() =>
        Assert.Equal("ab…(3 more characters)", LogText.Escape("ab👍c", 3));

    [Theory]
    [InlineData("?secret=abc", "")]
    [InlineData("http://127.0.0.1:5000/webhooks/bb?secret=abc", "http://127.0.0.1:5000/webhooks/bb")]
    [InlineData("Request starting HTTP/1.1 POST http://h/webhooks/bb?secret=abc - application/json 12", "Request starting HTTP/1.1 POST http://h/webhooks/bb - application/json 12")]
    [InlineData("GET /api/v1/chat?password=x&limit=5 failed", "GET /api/v1/chat failed")]
    [InlineData("Is this a question? yes", "Is this a question? yes")]
    [InlineData("no query at all", "no query at all")]
    public void WithoutQueries_UrlsAndPaths_LoseTheirQuery(string text, string expected) =>
        Assert.Equal(expected, LogText.WithoutQueries(text));
}
