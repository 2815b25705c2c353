using System.Net.Http.Json;
using System.Text.Json;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Memory;

/// <summary>Memory that stays cheap: summaries, the token budget, session rotation, answering together.</summary>
public sealed class SessionMemoryTests
{
    private const string Phone = "+15551234567";
    private const string AdminToken = "test-admin-token-0123456789abcdef";

    [Fact]
    public async Task Prompt_500MessageConversation_StaysUnderTheTokenBudgetWithARollingSummary()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        var longReply = string.Join(' ', Enumerable.Repeat("This is a long and thoughtful answer.", 32));
        model.Reply = request => IsSummaryRequest(request)
            ? $"Summary {request.Messages[0].Text.Length}: the person and the assistant talked about many numbered topics."
            : longReply;
        // No debounce and no beat between bubbles: 250 turns on the fake clock, not 250 × 3 seconds of it.
        await using var host = await StartAsync(model, new()
        {
            ["Tapback:Agent:DebounceWindow"] = "00:00:00",
            ["Tapback:Agent:BubbleGapMin"] = "00:00:00",
            ["Tapback:Agent:BubbleGapMax"] = "00:00:00",
        });

        for (var turn = 1; turn <= 250; turn++)
        {
            await host.SendAsync(Phone, $"Message {turn}: {string.Join(' ', Enumerable.Repeat("Tell me more about this topic please.", 32))}");
            // The real-time limit only guards against a hang: on PostgreSQL beside the rest of the suite
            // one turn of 250 has been seen to take over 20 s of real time on a two-core machine.
            await host.AdvanceUntilAsync(() => Task.FromResult(model.Requests.Count(request => !IsSummaryRequest(request)) >= turn), realTimeout: TimeSpan.FromSeconds(90));
        }

        await host.AdvanceUntilAsync(host.IsIdleAsync);
        var turns = model.Requests.Where(request => !IsSummaryRequest(request)).ToList();
        var largest = turns.Max(EstimatedTokens);
        Assert.True(largest <= 8_000, $"The largest prompt was about {largest} tokens.");
        Assert.Contains("Summary", turns[^1].System, StringComparison.Ordinal);
        Assert.Contains("Message 250:", turns[^1].LastUserText, StringComparison.Ordinal);
        // The verbatim part never shrinks below the last 20 messages' worth while they fit.
        Assert.True(turns[^1].Messages.Count >= 10, $"Only {turns[^1].Messages.Count} messages were sent verbatim.");

        var sessions = await SessionsAsync(host);
        var summaries = sessions[0].GetProperty("summaries");
        Assert.True(summaries.GetArrayLength() >= 10, $"Expected a summary every 20 turns after the first 50 messages, got {summaries.GetArrayLength()}.");
    }

    [Fact]
    public async Task Messages_WithinTheDebounceWindow_AreAnsweredTogetherInOneTurn()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);

        await host.SendAsync(Phone, "hey");
        host.Time.Advance(TimeSpan.FromMilliseconds(600));
        await host.SendAsync(Phone, "are you free tonight?");
        await host.WaitForRepliesAsync(Phone);

        var request = Assert.Single(model.Requests);
        var user = Assert.Single(request.Messages);
        Assert.Contains("hey", user.Text, StringComparison.Ordinal);
        Assert.Contains("are you free tonight?", user.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_ArrivingWhileATurnRuns_AreAnsweredTogetherInTheNextTurn()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        model.Reply = request => $"re: {request.LastUserText}";
        await using var host = await StartAsync(model);

        model.Hold();
        await host.SendAsync(Phone, "first");
        await host.AdvanceUntilAsync(() => Task.FromResult(model.RequestCount == 1));
        await host.SendAsync(Phone, "second");
        await host.SendAsync(Phone, "third");
        model.Release();
        await host.AdvanceUntilAsync(async () => model.RequestCount == 2 && await host.IsIdleAsync());

        Assert.Equal(2, model.RequestCount);
        var last = model.Requests[1].LastUserText!;
        Assert.Contains("second", last, StringComparison.Ordinal);
        Assert.Contains("third", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_QuietLongerThanTheTimeout_RotatesAndForgetsTheOldOne()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model, new() { ["Tapback:Agent:SessionTimeout"] = "00:30:00" });

        await host.SendAsync(Phone, "remember the blue door");
        await host.WaitForRepliesAsync(Phone);
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await host.SendAsync(Phone, "still here");
        await host.WaitForRepliesAsync(Phone, count: 2);
        host.Time.Advance(TimeSpan.FromMinutes(31));
        await host.SendAsync(Phone, "which door?");
        await host.WaitForRepliesAsync(Phone, count: 3);

        Assert.Equal(3, model.Requests[1].Messages.Count);
        Assert.Equal([new FakeChatMessage("user", "which door?")], model.Requests[2].Messages);
        var sessions = await SessionsAsync(host);
        Assert.Equal(2, sessions.Count);
        Assert.Equal("inactive", sessions[1].GetProperty("endReason").GetString());
    }

    [Fact]
    public async Task AgentApi_WithoutTheAdminToken_Is401()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);

        using var response = await host.Client.GetAsync("/api/admin/agent/conversations?transport=simulator&chatId=x");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Session_WithNoTimeoutSet_NeverRotates()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);

        await host.SendAsync(Phone, "one");
        await host.WaitForRepliesAsync(Phone);
        host.Time.Advance(TimeSpan.FromDays(30));
        await host.SendAsync(Phone, "two");
        await host.WaitForRepliesAsync(Phone, count: 2);

        Assert.Equal(3, model.Requests[1].Messages.Count);
        Assert.Single(await SessionsAsync(host));
    }

    [Fact]
    public async Task Turn_ModelFails_TypingStopsOneBubbleSaysSoAndTheErrorIsReadable()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "right" };
        await model.StartAsync();
        await using var host = await StartAsync(model, new() { ["Tapback:Agent:ApiKey"] = "wrong" });

        await host.SendAsync(Phone, "hello?");
        var events = await host.WaitForRepliesAsync(Phone);

        var bubble = Assert.Single(events, e => e.Type == "message.received");
        Assert.Contains("something went wrong", bubble.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("message.received", events[^1].Type);
        var conversationId = await ConversationIdAsync(host);
        var errors = await AdminGetAsync(host, $"/api/admin/agent/conversations/{conversationId}/errors");
        Assert.Equal("model_error", errors[0].GetProperty("kind").GetString());
    }

    private static bool IsSummaryRequest(FakeChatRequest request) =>
        request.System?.Contains("You keep the memory", StringComparison.Ordinal) == true;

    private static int EstimatedTokens(FakeChatRequest request) =>
        ((request.System?.Length ?? 0) + request.Messages.Sum(message => message.Text.Length + 16)) / 4;

    private static Task<TapbackTestHost> StartAsync(FakeOpenAIServer model, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Tapback:Admin:Token"] = AdminToken };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return TapbackTestHost.StartWithModelAsync(model, settings);
    }

    private static async Task<JsonElement> AdminGetAsync(TapbackTestHost host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> ConversationIdAsync(TapbackTestHost host)
    {
        var conversation = await AdminGetAsync(host, $"/api/admin/agent/conversations?transport=simulator&chatId={Uri.EscapeDataString(Phone)}");
        return conversation.GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> SessionsAsync(TapbackTestHost host)
    {
        var sessions = await AdminGetAsync(host, $"/api/admin/agent/conversations/{await ConversationIdAsync(host)}/sessions");
        return [.. sessions.EnumerateArray()];
    }
}
