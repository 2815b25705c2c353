using System.ClientModel;
using Microsoft.Extensions.AI;
using Tapback.Agent.Models;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Models;

/// <summary>The OpenAI client the factory builds, end to end against <see cref="FakeOpenAIServer"/>.</summary>
public sealed class OpenAIChatClientTests : IAsyncLifetime, IDisposable
{
    private const string Key = "sk-openai-fake-key";

    private readonly ChatModelFactoryHost _host = new();
    private readonly FakeOpenAIServer _server = new() { ApiKey = Key };

    public Task InitializeAsync() => _server.StartAsync();

    [Fact]
    public async Task GetResponseAsync_SystemPromptAndHistory_FakeReceivesThemAndReplyComesBack()
    {
        _server.Reply = request => $"You said {request.LastUserText}.";
        using var client = (await CreateAsync(Key)).Client;

        var response = await client.GetResponseAsync(AnthropicChatClientTests.Conversation());

        Assert.Equal("You said what's for dinner?.", response.Text);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("gpt-4.1-nano", request.Model);
        Assert.Equal("Answer like a friend texting.", request.System);
        Assert.Equal(
            [new("user", "hey"), new("assistant", "hi! what's up?"), new("user", "what's for dinner?")],
            request.Messages);
        Assert.Equal(1024, request.MaxTokens);
        Assert.Equal(Key, request.ApiKey);
        Assert.Equal("Bearer", request.AuthScheme);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamRequested_UpdatesAddUpToTheReply()
    {
        _server.Reply = _ => "Tacos tonight, with lime and a little too much hot sauce.";
        using var client = (await CreateAsync(Key)).Client;

        var updates = await client.GetStreamingResponseAsync(AnthropicChatClientTests.Conversation()).ToListAsync();

        Assert.True(updates.Count(update => update.Text.Length > 0) > 1);
        Assert.Equal("Tacos tonight, with lime and a little too much hot sauce.", updates.ToChatResponse().Text);
        Assert.True(Assert.Single(_server.Requests).Stream);
    }

    [Fact]
    public async Task GetResponseAsync_WrongKey_FakeAnswers401AndClientThrows()
    {
        using var client = (await CreateAsync("sk-openai-wrong")).Client;

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync(AnthropicChatClientTests.Conversation()));

        Assert.Equal(401, error.Status);
        Assert.Contains("invalid_api_key", error.GetRawResponse()?.Content.ToString(), StringComparison.Ordinal);
        Assert.Equal("sk-openai-wrong", Assert.Single(_server.Requests).ApiKey);
    }

    // Configured explicitly this time, so both routes to a client are exercised end to end.
    private Task<ChatModel> CreateAsync(string key) => _host.Create(
        ("Tapback:Agent:Provider", "openai"),
        ("Tapback:Agent:ApiKey", key),
        ("Tapback:Agent:Model", "gpt-4.1-nano"),
        ("Tapback:Agent:BaseUrl", _server.BaseUrl.AbsoluteUri)).CreateAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _host.Dispose();
}
