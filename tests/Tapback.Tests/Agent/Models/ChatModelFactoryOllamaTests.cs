using System.Diagnostics;
using Microsoft.Extensions.AI;
using Tapback.Agent.Models;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Models;

public sealed class ChatModelFactoryOllamaTests : IAsyncLifetime, IDisposable
{
    private readonly ChatModelFactoryHost _host = new();
    private readonly FakeOllamaServer _ollama = new();

    public Task InitializeAsync() => _ollama.StartAsync();

    [Fact]
    public async Task CreateAsync_OllamaListsModels_ReturnsOllamaWithFirstModel()
    {
        _ollama.Models.Add("llama3.2:latest");
        _ollama.Models.Add("qwen3:8b");

        var model = await _host.Create(("OLLAMA_HOST", _ollama.Host.AbsoluteUri)).CreateAsync();

        Assert.Equal(ModelProviders.Ollama, model.Provider);
        Assert.Equal("llama3.2:latest", model.ModelId);
        Assert.Equal(new Uri(_ollama.Host, "v1"), model.Endpoint);
    }

    [Fact]
    public async Task CreateAsync_OllamaListsModelsAndModelConfigured_UsesConfiguredModel()
    {
        _ollama.Models.Add("llama3.2:latest");

        var model = await _host.Create(("OLLAMA_HOST", _ollama.Host.AbsoluteUri), ("Tapback:Agent:Model", "qwen3:8b")).CreateAsync();

        Assert.Equal("qwen3:8b", model.ModelId);
    }

    [Fact]
    public async Task CreateAsync_OllamaHostWithoutScheme_IsProbed()
    {
        _ollama.Models.Add("llama3.2:latest");

        var model = await _host.Create(("OLLAMA_HOST", _ollama.Host.Authority)).CreateAsync();

        Assert.Equal(ModelProviders.Ollama, model.Provider);
    }

    [Fact]
    public async Task CreateAsync_OllamaListsNoModels_ReturnsOffline()
    {
        var model = await _host.Create(("OLLAMA_HOST", _ollama.Host.AbsoluteUri)).CreateAsync();

        Assert.Equal(ModelProviders.Offline, model.Provider);
    }

    [Fact]
    public async Task CreateAsync_OllamaNeverAnswers_GivesUpAfterAboutASecond()
    {
        _ollama.Models.Add("llama3.2:latest");
        _ollama.TagsHang = true;
        var clock = Stopwatch.StartNew();

        var model = await _host.Create(("OLLAMA_HOST", _ollama.Host.AbsoluteUri)).CreateAsync();

        Assert.Equal(ModelProviders.Offline, model.Provider);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CreateAsync_OllamaProviderWithModel_DoesNotProbe()
    {
        var model = await _host.Create(("Tapback:Agent:Provider", "ollama"), ("Tapback:Agent:Model", "llama3.2")).CreateAsync();

        Assert.Equal(ModelProviders.Ollama, model.Provider);
        Assert.Equal(0, _ollama.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_DetectedOllama_ChatsThroughItsOpenAIEndpoint()
    {
        _ollama.Models.Add("llama3.2:latest");
        _ollama.Reply = request => $"ollama heard: {request.LastUserText}";
        var model = await _host.Create(("OLLAMA_HOST", _ollama.Host.AbsoluteUri)).CreateAsync();
        using var client = model.Client;

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi there")]);

        Assert.Equal("ollama heard: hi there", response.Text);
        Assert.Equal("llama3.2:latest", Assert.Single(_ollama.Requests).Model);
    }

    public async Task DisposeAsync() => await _ollama.DisposeAsync();

    public void Dispose() => _host.Dispose();
}
