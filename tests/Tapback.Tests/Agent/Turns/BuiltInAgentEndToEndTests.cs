using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Turns;

/// <summary>
/// The built-in agent through the whole app and the official SDKs, against fake LLM servers on
/// loopback that speak each API's wire format.
/// </summary>
public sealed class BuiltInAgentEndToEndTests
{
    private const string Phone = "+15551234567";

    [Fact]
    public async Task Turn_WithAnthropic_SendsHistoryThroughTheSdkAndBubblesTheAnswer()
    {
        await using var model = new FakeAnthropicServer { ApiKey = "sk-ant-test" };
        await model.StartAsync();
        model.Reply = request => $"**Sure.** You said: {request.LastUserText}\n\nAnything else?";
        await using var host = await StartWithAsync("anthropic", model.BaseUrl, "sk-ant-test", "claude-test");

        await host.SendAsync(Phone, "plan my day");
        var events = await host.WaitForRepliesAsync(Phone, count: 2);

        var request = Assert.Single(model.Requests);
        Assert.Equal("claude-test", request.Model);
        Assert.Equal("plan my day", request.LastUserText);
        Assert.Contains("iMessage", request.System, StringComparison.Ordinal);
        Assert.Equal(
            ["Sure. You said: plan my day", "Anything else?"],
            events.Where(e => e.Type == "message.received").Select(e => e.Text));
    }

    [Fact]
    public async Task Turn_WithOpenAI_SendsHistoryThroughTheSdkAndBubblesTheAnswer()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "sk-openai-test" };
        await model.StartAsync();
        model.Reply = request => $"You said: {request.LastUserText}";
        await using var host = await StartWithAsync("openai", model.BaseUrl, "sk-openai-test", "gpt-test");

        await host.SendAsync(Phone, "first");
        await host.WaitForRepliesAsync(Phone);
        await host.SendAsync(Phone, "second");
        var events = await host.WaitForRepliesAsync(Phone, count: 2);

        Assert.Equal(2, model.RequestCount);
        var second = model.Requests[1];
        Assert.Equal("gpt-test", second.Model);
        Assert.Equal([new("user", "first"), new("assistant", "You said: first"), new("user", "second")], second.Messages);
        Assert.Equal(["You said: first", "You said: second"], events.Where(e => e.Type == "message.received").Select(e => e.Text));
    }

    [Fact]
    public async Task Turn_Answered_CountsItselfInTheSessionWithItsAnswer()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartWithAsync("openai", model.BaseUrl, "k", "gpt-test");

        await host.SendAsync(Phone, "first");
        await host.WaitForRepliesAsync(Phone);
        await host.SendAsync(Phone, "second");
        await host.WaitForRepliesAsync(Phone, count: 2);

        // The count the summarizer paces itself by commits in the answer's own write (no write of its own).
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT turn_count FROM sessions WHERE ended_at IS NULL"));
    }

    [Fact]
    public async Task Clear_StartsANewSession_HistoryBeforeItIsNoLongerSent()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        model.Reply = request => $"ok {request.Messages.Count}";
        await using var host = await StartWithAsync("openai", model.BaseUrl, "k", "gpt-test");

        await host.SendAsync(Phone, "my secret is 42");
        await host.WaitForRepliesAsync(Phone);
        await host.SendAsync(Phone, "/clear");
        var afterClear = await host.WaitForRepliesAsync(Phone, count: 2);
        await host.SendAsync(Phone, "what is my secret?");
        await host.WaitForRepliesAsync(Phone, count: 3);

        Assert.Contains("Fresh start", afterClear.Last(e => e.Type == "message.received").Text, StringComparison.Ordinal);
        Assert.Equal(2, model.RequestCount);
        Assert.Equal([new("user", "what is my secret?")], model.Requests[1].Messages);
    }

    [Fact]
    public async Task Turn_LongConversation_ModelSeesOnlyTheLast20MessagesFromAUserTurn()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        model.Reply = request => $"reply to {request.LastUserText}";
        await using var host = await StartWithAsync("openai", model.BaseUrl, "k", "gpt-test");

        for (var index = 1; index <= 12; index++)
        {
            await host.SendAsync(Phone, $"message {index}");
            await host.WaitForRepliesAsync(Phone, count: index);
        }

        // The window of 20 is u2's reply onward; the prompt then opens with the person's next words.
        var last = model.Requests[^1];
        Assert.Equal(19, last.Messages.Count);
        Assert.Equal(new FakeChatMessage("user", "message 3"), last.Messages[0]);
        Assert.Equal(new FakeChatMessage("user", "message 12"), last.Messages[^1]);
    }

    [Fact]
    public async Task Turn_ModelFails_UserIsToldAndTheQueueMovesOn()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "right-key" };
        await model.StartAsync();
        await using var host = await StartWithAsync("openai", model.BaseUrl, "wrong-key", "gpt-test");

        await host.SendAsync(Phone, "hello?");
        var events = await host.WaitForRepliesAsync(Phone);

        Assert.Contains("something went wrong", events.Last(e => e.Type == "message.received").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turn_WithReasoningEffortAndBotName_SendsThemToTheModel()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Agent:Provider"] = "openai",
            ["Tapback:Agent:BaseUrl"] = model.BaseUrl.ToString(),
            ["Tapback:Agent:ApiKey"] = "k",
            ["Tapback:Agent:Model"] = "o-test",
            ["Tapback:Agent:ReasoningEffort"] = "High",
            ["Tapback:Agent:BotName"] = "Juniper",
        });

        await host.SendAsync(Phone, "think hard");
        await host.WaitForRepliesAsync(Phone);

        var request = Assert.Single(model.Requests);
        Assert.Contains("\"reasoning_effort\":\"high\"", request.RawJson, StringComparison.Ordinal);
        Assert.Contains("Your name is Juniper.", request.System, StringComparison.Ordinal);
        Assert.Contains("iMessage", request.System, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turn_AnswerPastMaxBodyLength_SendsOnlyTheBubblesWithinIt()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        model.Reply = _ => "The first paragraph of a runaway answer.\n\nThe second paragraph goes on and on.\n\nThe third one is past the limit.";
        await using var host = await TapbackTestHost.StartWithModelAsync(model, new Dictionary<string, string?> { ["Tapback:Actions:MaxBodyLength"] = "90" });

        await host.SendAsync(Phone, "tell me everything");
        var events = await host.WaitForRepliesAsync(Phone, count: 2);

        // The same limit as an agent's send: the bubbles that fit go, the rest is not sent.
        Assert.Equal(
            ["The first paragraph of a runaway answer.", "The second paragraph goes on and on."],
            events.Where(e => e.Type == "message.received").Select(e => e.Text));
    }

    private static Task<TapbackTestHost> StartWithAsync(string provider, Uri baseUrl, string apiKey, string modelId) =>
        TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Agent:Provider"] = provider,
            ["Tapback:Agent:BaseUrl"] = baseUrl.ToString(),
            ["Tapback:Agent:ApiKey"] = apiKey,
            ["Tapback:Agent:Model"] = modelId,
        });
}
