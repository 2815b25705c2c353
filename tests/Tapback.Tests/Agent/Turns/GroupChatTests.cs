using System.Net;
using System.Net.Http.Json;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Turns;

/// <summary>In a group chat the agent speaks when addressed, and the model knows who said what.</summary>
public sealed class GroupChatTests
{
    private const string Alice = "+15551110001";
    private const string Bob = "+15551110002";
    private const string Group = "group:family";

    [Fact]
    public async Task GroupMessage_NotAddressed_IsStoredAndNotAnswered()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);

        await SendToGroupAsync(host, Alice, "who's bringing dessert?");
        await host.AdvanceUntilAsync(host.IsIdleAsync);
        host.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, model.RequestCount);
        Assert.Equal(["message.sent"], (await host.EventsAsync(Group)).Select(e => e.Type));
    }

    [Fact]
    public async Task GroupMessage_NamingTheBot_IsAnsweredWithEachSenderShownToTheModel()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        model.Reply = _ => "Bob is bringing pie.";
        await using var host = await StartAsync(model);

        await SendToGroupAsync(host, Alice, "I'll bring salad");
        await host.AdvanceUntilAsync(host.IsIdleAsync);
        await SendToGroupAsync(host, Bob, "hey tapback, what is everyone bringing?");
        var events = await host.WaitForRepliesAsync(Group);

        var request = Assert.Single(model.Requests);
        Assert.Contains("group chat named \"Family\"", request.System, StringComparison.Ordinal);
        var user = Assert.Single(request.Messages);
        Assert.Contains($"{Alice}:", user.Text, StringComparison.Ordinal);
        Assert.Contains($"{Bob}:", user.Text, StringComparison.Ordinal);
        Assert.Equal("Bob is bringing pie.", events.Last(e => e.Type == "message.received").Text);
    }

    [Fact]
    public async Task GroupMessage_ReplyingToTheBotsBubble_IsAnswered()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);
        await SendToGroupAsync(host, Alice, "Tapback, pick a movie");
        var events = await host.WaitForRepliesAsync(Group);
        var bubble = events.Last(e => e.Type == "message.received");

        await SendToGroupAsync(host, Bob, "something shorter?", replyTo: bubble.MessageId);
        await host.WaitForRepliesAsync(Group, count: 2);

        Assert.Equal(2, model.RequestCount);
    }

    [Fact]
    public async Task GroupMessage_BadGroupId_Returns400NamingTheField()
    {
        await using var host = await TapbackTestHost.StartAsync();

        using var response = await host.Client.PostAsJsonAsync("/api/simulator/messages", new { from = Alice, text = "hi", group = new { id = "no spaces allowed" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("group.id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task SendToGroupAsync(TapbackTestHost host, string from, string text, string? replyTo = null)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/simulator/messages", new { from, text, replyTo, group = new { id = "family", name = "Family" } });
        response.EnsureSuccessStatusCode();
    }

    private static Task<TapbackTestHost> StartAsync(FakeOpenAIServer model) => TapbackTestHost.StartWithModelAsync(model);
}
