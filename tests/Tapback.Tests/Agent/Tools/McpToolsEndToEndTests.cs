using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Agent.Tools.ToolTestHosts;

namespace Tapback.Tests.Agent.Tools;

/// <summary>Tools from a real MCP server the test starts, called by the agent through the official client.</summary>
public sealed class McpToolsEndToEndTests
{
    [Fact]
    public async Task McpTool_ReadOnly_RunsWithoutApprovalAndTheModelGetsItsResult()
    {
        await using var s = await StartAsync();
        s.Model.EnqueueReplies(FakeReply.Call("read_note", """{"name":"shopping"}"""), "You need milk and eggs.");

        await s.Host.SendAsync(Phone, "what's on my shopping list?");
        var bubbles = Bubbles(await s.Host.WaitForRepliesAsync(Phone));

        Assert.Equal(["You need milk and eggs."], bubbles.Select(bubble => bubble.Text));
        Assert.Equal(["read_note:shopping"], s.Mcp.Notes.Calls);
        Assert.Contains("milk, eggs", s.Model.Requests[1].Messages[^1].Text, StringComparison.Ordinal);
        Assert.Contains("delete_note", s.Model.Requests[0].Tools);
    }

    [Fact]
    public async Task McpTool_Destructive_WaitsForApprovalThenRunsOnLike()
    {
        await using var s = await StartAsync();
        s.Model.EnqueueReplies(FakeReply.Call("delete_note", """{"name":"shopping"}"""));

        await s.Host.SendAsync(Phone, "delete my shopping list");
        var approval = Assert.Single(Bubbles(await s.Host.WaitForRepliesAsync(Phone)));

        Assert.Equal("I'd like to run delete_note with name: \"shopping\". React 👍 to allow, 👎 to deny.", approval.Text);
        Assert.Empty(s.Mcp.Notes.Calls);

        s.Model.EnqueueReplies("Deleted it.");
        await s.Host.ReactAsync(Phone, approval.MessageId!, "like");
        var bubbles = Bubbles(await s.Host.WaitForRepliesAsync(Phone, count: 2));

        Assert.Equal("Deleted it.", bubbles[^1].Text);
        Assert.Equal(["delete_note:shopping"], s.Mcp.Notes.Calls);
        Assert.False(s.Mcp.Notes.Has("shopping"));
        Assert.Contains("Deleted shopping.", s.Model.Requests[^1].Messages.Single(message => message.Role == "tool").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task McpTool_DestructiveDenied_NeverReachesTheServer()
    {
        await using var s = await StartAsync();
        s.Model.EnqueueReplies(FakeReply.Call("delete_note", """{"name":"shopping"}"""), "Okay, kept it.");

        await s.Host.SendAsync(Phone, "delete my shopping list");
        await s.Host.WaitForRepliesAsync(Phone);
        await s.Host.SendAsync(Phone, "no");
        await s.Host.WaitForRepliesAsync(Phone, count: 2);

        Assert.Empty(s.Mcp.Notes.Calls);
        Assert.True(s.Mcp.Notes.Has("shopping"));
    }

    [Fact]
    public async Task McpServer_Unreachable_TheTurnStillAnswersWithTheBuiltInTools()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await ToolTestHosts.StartAsync(model, new Dictionary<string, string?>
        {
            ["Tapback:Agent:McpServers:gone:Url"] = new Uri(LoopbackPorts.Closed(), "mcp").ToString(),
        });

        await host.SendAsync(Phone, "hi");
        var bubbles = Bubbles(await host.WaitForRepliesAsync(Phone));

        Assert.Equal([FakeChatServer.DefaultReply], bubbles.Select(bubble => bubble.Text));
        Assert.Equal(SimulatorBuiltInTools(host), model.Requests[0].Tools);
    }

    private static async Task<Scenario> StartAsync()
    {
        var mcp = new FakeMcpServer();
        await mcp.StartAsync();
        var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        var host = await ToolTestHosts.StartAsync(model, new Dictionary<string, string?>
        {
            ["Tapback:Agent:McpServers:notes:Url"] = mcp.Url.ToString(),
            ["Tapback:Agent:McpServers:notes:Headers:X-Test"] = "yes",
        });
        return new Scenario(mcp, model, host);
    }

    private sealed record Scenario(FakeMcpServer Mcp, FakeOpenAIServer Model, TapbackTestHost Host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Model.DisposeAsync();
            await Mcp.DisposeAsync();
        }
    }
}
