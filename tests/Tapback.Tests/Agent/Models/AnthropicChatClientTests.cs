using System.Net;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;
using Tapback.Agent.Models;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Models;

/// <summary>The Anthropic client the factory builds, end to end against <see cref="FakeAnthropicServer"/>.</summary>
public sealed class AnthropicChatClientTests : IAsyncLifetime, IDisposable
{
    private const string Key = "sk-ant-fake-key";

    private readonly ChatModelFactoryHost _host = new();
    private readonly FakeAnthropicServer _server = new() { ApiKey = Key };

    public Task InitializeAsync() => _server.StartAsync();

    [Fact]
    public async Task GetResponseAsync_SystemPromptAndHistory_FakeReceivesThemAndReplyComesBack()
    {
        _server.Reply = request => $"You said {request.LastUserText}.";
        using var client = (await CreateAsync(Key)).Client;

        var response = await client.GetResponseAsync(Conversation());

        Assert.Equal("You said what's for dinner?.", response.Text);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("claude-haiku-4-5", request.Model);
        Assert.Equal("Answer like a friend texting.", request.System);
        Assert.Equal(
            [new("user", "hey"), new("assistant", "hi! what's up?"), new("user", "what's for dinner?")],
            request.Messages);
        Assert.Equal(1024, request.MaxTokens);
        Assert.Equal(Key, request.ApiKey);
        Assert.Equal("Bearer", request.AuthScheme);
        Assert.False(request.Stream);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamRequested_UpdatesAddUpToTheReply()
    {
        _server.Reply = _ => "Tacos tonight, with lime and a little too much hot sauce.";
        using var client = (await CreateAsync(Key)).Client;

        var updates = await client.GetStreamingResponseAsync(Conversation()).ToListAsync();

        Assert.True(updates.Count(update => update.Text.Length > 0) > 1);
        Assert.Equal("Tacos tonight, with lime and a little too much hot sauce.", updates.ToChatResponse().Text);
        Assert.True(Assert.Single(_server.Requests).Stream);
    }

    [Fact]
    public async Task GetResponseAsync_WrongKey_FakeAnswers401AndClientThrows()
    {
        using var client = (await CreateAsync("sk-ant-wrong")).Client;

        var error = await Assert.ThrowsAsync<AnthropicUnauthorizedException>(() => client.GetResponseAsync(Conversation()));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("authentication_error", error.ResponseBody, StringComparison.Ordinal);
        Assert.Equal("sk-ant-wrong", Assert.Single(_server.Requests).ApiKey);
    }

    [Fact]
    public async Task GetResponseAsync_WhileHeld_WaitsUntilReleased()
    {
        using var client = (await CreateAsync(Key)).Client;
        _server.Hold();

        var pending = client.GetResponseAsync(Conversation());
        await _server.WaitForRequestAsync(1);

        // The server holds the response until Release: nothing can complete it before then.
        Assert.False(pending.IsCompleted);

        _server.Release();
        Assert.Equal(FakeChatServer.DefaultReply, (await pending.WaitAsync(TimeSpan.FromSeconds(10))).Text);
    }

    [Fact]
    public async Task GetResponseAsync_QueuedReplies_AreGivenInOrder()
    {
        _server.EnqueueReplies("first", "second");
        using var client = (await CreateAsync(Key)).Client;

        var first = await client.GetResponseAsync(Conversation());
        var second = await client.GetResponseAsync(Conversation());
        var third = await client.GetResponseAsync(Conversation());

        Assert.Equal(["first", "second", FakeChatServer.DefaultReply], [first.Text, second.Text, third.Text]);
        Assert.Equal(3, _server.RequestCount);
    }

    internal static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.System, "Answer like a friend texting."),
        new(ChatRole.User, "hey"),
        new(ChatRole.Assistant, "hi! what's up?"),
        new(ChatRole.User, "what's for dinner?"),
    ];

    // Detection through ANTHROPIC_API_KEY, with BaseUrl pointing the SDK at the fake.
    private Task<ChatModel> CreateAsync(string key) => _host.Create(
        ("ANTHROPIC_API_KEY", key),
        ("Tapback:Agent:Model", "claude-haiku-4-5"),
        ("Tapback:Agent:BaseUrl", _server.BaseUrl.AbsoluteUri)).CreateAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _host.Dispose();
}
