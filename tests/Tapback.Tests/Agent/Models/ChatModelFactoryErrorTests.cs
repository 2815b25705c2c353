namespace Tapback.Tests.Agent.Models;

public sealed class ChatModelFactoryErrorTests : IDisposable
{
    private readonly ChatModelFactoryHost _host = new();

    [Fact]
    public async Task CreateAsync_UnknownProvider_ThrowsNamingKeyAndAllowedValues()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _host.Create(("Tapback:Agent:Provider", "gemini")).CreateAsync());

        Assert.Contains("Tapback:Agent:Provider", error.Message, StringComparison.Ordinal);
        Assert.Contains("'gemini'", error.Message, StringComparison.Ordinal);
        foreach (var allowed in (string[])["anthropic", "openai", "openai-compatible", "ollama", "offline"])
        {
            Assert.Contains(allowed, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("anthropic", "ANTHROPIC_API_KEY")]
    [InlineData("openai", "OPENAI_API_KEY")]
    public async Task CreateAsync_ProviderWithoutKey_ThrowsNamingBothKeys(string provider, string variable)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _host.Create(("Tapback:Agent:Provider", provider)).CreateAsync());

        Assert.Contains("Tapback:Agent:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_OpenAICompatibleWithoutBaseUrl_ThrowsNamingBaseUrl()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _host.Create(("Tapback:Agent:Provider", "openai-compatible"), ("Tapback:Agent:Model", "qwen3")).CreateAsync());

        Assert.Contains("Tapback:Agent:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_OpenAICompatibleWithoutModel_ThrowsNamingModel()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _host.Create(
            ("Tapback:Agent:Provider", "openai-compatible"), ("Tapback:Agent:BaseUrl", "http://127.0.0.1:9/v1")).CreateAsync());

        Assert.Contains("Tapback:Agent:Model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_OllamaProviderUnreachableWithoutModel_ThrowsNamingModelAndHost()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _host.Create(("Tapback:Agent:Provider", "ollama")).CreateAsync());

        Assert.Contains("Tapback:Agent:Model", error.Message, StringComparison.Ordinal);
        Assert.Contains("OLLAMA_HOST", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();
}
