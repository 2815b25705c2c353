using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Models;

/// <summary>The offline model through the whole app: the setup advice once per conversation, then short answers.</summary>
public sealed class OfflineConversationTests
{
    [Fact]
    public async Task SecondMessage_OfflineModel_GetsOneShortBubbleThatQuotesIt()
    {
        await using var host = await TapbackTestHost.StartAsync();

        await host.SendAsync("+15551230001", "hello");
        var first = (await host.WaitForRepliesAsync("+15551230001")).Count(e => e.Type == "message.received");
        await host.SendAsync("+15551230001", "what about dinner?");
        var events = await host.WaitForRepliesAsync("+15551230001", count: first + 1);

        var replies = events.Where(e => e.Type == "message.received").Select(e => e.Text).ToList();
        Assert.Contains(replies.Take(first), text => text?.Contains("ANTHROPIC_API_KEY", StringComparison.Ordinal) == true);
        var second = Assert.Single(replies.Skip(first));
        Assert.StartsWith("You said: “what about dinner?”.", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstMessage_AnotherConversation_GetsTheAdviceAgain()
    {
        await using var host = await TapbackTestHost.StartAsync();
        await host.SendAsync("+15551230002", "hello");
        await host.WaitForRepliesAsync("+15551230002");

        await host.SendAsync("+15551230003", "hi there");
        var events = await host.WaitForRepliesAsync("+15551230003");

        Assert.Contains(events, e => e.Type == "message.received" && e.Text?.Contains("ANTHROPIC_API_KEY", StringComparison.Ordinal) == true);
    }
}
