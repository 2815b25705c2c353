using Tapback.Agent.Models;

namespace Tapback.Tests.Agent.Models;

public sealed class OllamaHostTests
{
    [Theory]
    [InlineData(null, "http://127.0.0.1:11434/")]
    [InlineData("", "http://127.0.0.1:11434/")]
    [InlineData("gpu-box", "http://gpu-box:11434/")]
    [InlineData("gpu-box:8080", "http://gpu-box:8080/")]
    [InlineData("http://gpu-box", "http://gpu-box/")]
    [InlineData("https://ollama.example", "https://ollama.example/")]
    [InlineData("http://127.0.0.1:11434/v1", "http://127.0.0.1:11434/")]
    public void Parse_OllamaHostValue_ReadsItLikeOllama(string? value, string expected) =>
        Assert.Equal(new Uri(expected), OllamaHost.Parse(value));

    [Fact]
    public void Parse_Garbage_ThrowsNamingTheVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OllamaHost.Parse("http://exa mple:x"));

        Assert.Contains("OLLAMA_HOST", error.Message, StringComparison.Ordinal);
    }
}
