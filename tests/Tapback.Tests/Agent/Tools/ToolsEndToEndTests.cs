using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Agent.Tools.ToolTestHosts;

namespace Tapback.Tests.Agent.Tools;

/// <summary>The built-in tools and the show-tool-calls setting, through the simulator.</summary>
public sealed class ToolsEndToEndTests
{
    [Fact]
    public async Task Turn_ModelIsOfferedTheBuiltInTools()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);

        await host.SendAsync(Phone, "hi");
        await host.WaitForRepliesAsync(Phone);

        Assert.Equal(SimulatorBuiltInTools(host), model.Requests[0].Tools);
    }

    [Fact]
    public async Task React_ModelReacts_PhoneShowsTheAgentsTapbackOnTheMessage()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);
        model.EnqueueReplies(FakeReply.Call("react", """{"reaction":"laugh"}"""), "Ha, good one.");

        var joke = await host.SendAsync(Phone, "why did the chicken cross the road");
        var events = await host.WaitForRepliesAsync(Phone);

        var tapback = Assert.Single(events, e => e.Type == "reaction" && !e.FromMe);
        Assert.Equal((joke, "laugh"), (tapback.MessageId, tapback.Reaction));
        Assert.Equal(["Ha, good one."], Bubbles(events).Select(bubble => bubble.Text));
        Assert.Equal("tool", model.Requests[1].Messages[^1].Role);
    }

    [Fact]
    public async Task CurrentTime_ModelAsks_GetsTheFakeClocksTime()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);
        model.EnqueueReplies(FakeReply.Call("current_time"), "It's nine.");

        await host.SendAsync(Phone, "what time is it?");
        await host.WaitForRepliesAsync(Phone);

        var result = model.Requests[1].Messages[^1];
        Assert.Equal("tool", result.Role);
        Assert.Contains("2026-11-23T09:00", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowToolCalls_On_EachCallIsABubbleBeforeTheAnswer()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model, new Dictionary<string, string?> { ["Tapback:Agent:ShowToolCalls"] = "true" });
        model.EnqueueReplies(
            FakeReply.Calls(new FakeToolCall("current_time"), new FakeToolCall("react", """{"reaction":"like"}""")),
            "It's nine.");

        await host.SendAsync(Phone, "what time is it?");
        var bubbles = Bubbles(await host.WaitForRepliesAsync(Phone, count: 3));

        Assert.Equal(["🔧 current_time", "🔧 react: reaction: \"like\"", "It's nine."], bubbles.Select(bubble => bubble.Text));
    }

    [Fact]
    public async Task ShowToolCalls_OffByDefault_OnlyTheAnswerIsSent()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);
        model.EnqueueReplies(FakeReply.Call("current_time"), "It's nine.");

        await host.SendAsync(Phone, "what time is it?");
        var bubbles = Bubbles(await host.WaitForRepliesAsync(Phone));

        Assert.Equal(["It's nine."], bubbles.Select(bubble => bubble.Text));
    }
}
