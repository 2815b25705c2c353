using Microsoft.Extensions.Logging;
using Tapback.Agent.Models;

namespace Tapback.Tests.Agent.Models;

public sealed class ChatModelFactoryTests : IDisposable
{
    private const string AnthropicKey = "sk-ant-test-secret";
    private const string OpenAIKey = "sk-openai-test-secret";

    private readonly ChatModelFactoryHost _host = new();

    [Fact]
    public async Task CreateAsync_NothingConfiguredAndNoOllama_ReturnsOffline()
    {
        var model = await _host.Create().CreateAsync();

        Assert.Equal(ModelProviders.Offline, model.Provider);
        Assert.IsType<OfflineChatClient>(model.Client);
        Assert.Null(model.Endpoint);
        Assert.Contains(_host.Logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("No model is configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_AnthropicKeyInEnvironment_ReturnsAnthropicWithDefaultModel()
    {
        var model = await _host.Create(("ANTHROPIC_API_KEY", AnthropicKey)).CreateAsync();

        Assert.Equal(ModelProviders.Anthropic, model.Provider);
        Assert.Equal("claude-sonnet-4-5", model.ModelId);
        Assert.Equal(new Uri("https://api.anthropic.com"), model.Endpoint);
        Assert.Equal("anthropic claude-sonnet-4-5 via https://api.anthropic.com", model.Description);
    }

    [Fact]
    public async Task CreateAsync_BothKeysInEnvironment_PrefersAnthropic()
    {
        var model = await _host.Create(("ANTHROPIC_API_KEY", AnthropicKey), ("OPENAI_API_KEY", OpenAIKey)).CreateAsync();

        Assert.Equal(ModelProviders.Anthropic, model.Provider);
    }

    [Fact]
    public async Task CreateAsync_OpenAIKeyOnly_ReturnsOpenAIWithDefaultModel()
    {
        var model = await _host.Create(("OPENAI_API_KEY", OpenAIKey)).CreateAsync();

        Assert.Equal(ModelProviders.OpenAI, model.Provider);
        Assert.Equal("gpt-4.1-mini", model.ModelId);
        Assert.Equal("openai gpt-4.1-mini via https://api.openai.com/v1", model.Description);
    }

    [Fact]
    public async Task CreateAsync_BlankKeyInEnvironment_IsIgnored()
    {
        var model = await _host.Create(("ANTHROPIC_API_KEY", "  "), ("OPENAI_API_KEY", OpenAIKey)).CreateAsync();

        Assert.Equal(ModelProviders.OpenAI, model.Provider);
    }

    [Fact]
    public async Task CreateAsync_ProviderSet_WinsOverEnvironmentKeys()
    {
        var model = await _host.Create(
            ("Tapback:Agent:Provider", "openai"), ("Tapback:Agent:Model", "gpt-5"),
            ("ANTHROPIC_API_KEY", AnthropicKey), ("OPENAI_API_KEY", OpenAIKey)).CreateAsync();

        Assert.Equal(ModelProviders.OpenAI, model.Provider);
        Assert.Equal("gpt-5", model.ModelId);
    }

    [Fact]
    public async Task CreateAsync_ProviderOffline_ReturnsOfflineEvenWithKeys()
    {
        var model = await _host.Create(("Tapback:Agent:Provider", "offline"), ("ANTHROPIC_API_KEY", AnthropicKey)).CreateAsync();

        Assert.Equal(ModelProviders.Offline, model.Provider);
    }

    [Fact]
    public async Task CreateAsync_ProviderInOtherCase_IsAccepted()
    {
        var model = await _host.Create(("Tapback:Agent:Provider", "Anthropic"), ("Tapback:Agent:ApiKey", AnthropicKey)).CreateAsync();

        Assert.Equal(ModelProviders.Anthropic, model.Provider);
    }

    [Fact]
    public async Task CreateAsync_AnthropicBaseUrlWithV1_EndpointDropsV1()
    {
        var model = await _host.Create(
            ("Tapback:Agent:Provider", "anthropic"), ("Tapback:Agent:ApiKey", AnthropicKey),
            ("Tapback:Agent:BaseUrl", "http://127.0.0.1:9/v1")).CreateAsync();

        Assert.Equal(new Uri("http://127.0.0.1:9/"), model.Endpoint);
    }

    [Fact]
    public async Task CreateAsync_OpenAICompatible_UsesBaseUrlAndModel()
    {
        var model = await _host.Create(
            ("Tapback:Agent:Provider", "openai-compatible"), ("Tapback:Agent:BaseUrl", "http://127.0.0.1:9/v1"),
            ("Tapback:Agent:Model", "qwen3")).CreateAsync();

        Assert.Equal(ModelProviders.OpenAICompatible, model.Provider);
        Assert.Equal("openai-compatible qwen3 via http://127.0.0.1:9/v1", model.Description);
    }

    [Fact]
    public async Task CreateAsync_BaseUrlWithCredentials_DescriptionAndEndpointHideThem()
    {
        var model = await _host.Create(
            ("Tapback:Agent:Provider", "openai"), ("Tapback:Agent:ApiKey", OpenAIKey),
            ("Tapback:Agent:BaseUrl", "https://user:hunter2@proxy.example/v1?key=hunter2")).CreateAsync();

        Assert.DoesNotContain("hunter2", model.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", model.Endpoint!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("openai gpt-4.1-mini via https://proxy.example/v1", model.Description);
    }

    [Theory]
    [InlineData("ANTHROPIC_API_KEY", AnthropicKey)]
    [InlineData("OPENAI_API_KEY", OpenAIKey)]
    public async Task CreateAsync_ModelChosen_LogsDescriptionAndNeverTheKey(string variable, string key)
    {
        var model = await _host.Create((variable, key)).CreateAsync();

        Assert.Contains(_host.Logs.Entries, entry => entry.Level == LogLevel.Information
            && entry.Message.Contains(model.Description, StringComparison.Ordinal)
            && entry.Message.Contains(variable, StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Entries, entry => entry.Message.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(key, model.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();
}
