using System.Net;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Rest;

/// <summary>Typing, read receipts, tapbacks and the read side of the REST API, over real HTTP.</summary>
public sealed class RestActionTests : IAsyncLifetime
{
    private const string Phone = "+15551240011";
    private TapbackTestHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync();
        _client = RestFixture.ClientFor(_host, await GatewayScript.PairAsync(_host, Phone));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ReadTypingReact_OnAnInboundMessage_ReachThePhoneInOrder()
    {
        var messageId = await _host.SendAsync(Phone, "are you there?");

        var (read, _) = await RestFixture.PostAsync(_client, $"/v2/messages/{messageId}/read", new { });
        var (typing, _) = await RestFixture.PostAsync(_client, "/v2/typing", new { to = Phone, typing = true });
        var (react, _) = await RestFixture.PostAsync(_client, $"/v2/messages/{messageId}/reactions", new { reaction = "+love" });

        Assert.Equal(HttpStatusCode.Accepted, read.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, typing.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, react.StatusCode);
        var events = await RestFixture.WaitForPhoneAsync(_host, Phone, e => e.Any(x => x.Type == "reaction" && !x.FromMe));
        var ours = events.SkipWhile(e => e.MessageId != messageId).ToList();
        Assert.Equal(["message.sent", "read", "typing.started", "reaction"], ours.Select(e => e.Type));
        Assert.Equal("love", ours[3].Reaction);
    }

    [Fact]
    public async Task React_MinusRemovesTheTapback()
    {
        var messageId = await _host.SendAsync(Phone, "react then unreact");
        await RestFixture.PostAsync(_client, $"/v2/messages/{messageId}/reactions", new { reaction = "+like" });
        var (response, _) = await RestFixture.PostAsync(_client, $"/v2/messages/{messageId}/reactions", new { reaction = "-like" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await RestFixture.WaitForPhoneAsync(_host, Phone, e => e.Any(x => x.Type == "reaction" && x.Removed == true));
    }

    [Fact]
    public async Task React_UnknownTapback_Is422NamingTheChoices()
    {
        var messageId = await _host.SendAsync(Phone, "hi");
        var (response, body) = await RestFixture.PostAsync(_client, $"/v2/messages/{messageId}/reactions", new { reaction = "+hug" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("love", (string?)body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_UnknownMessage_Is404()
    {
        var (response, _) = await RestFixture.PostAsync(_client, "/v2/messages/msg_nope/read", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Read_AnotherIntegrationsMessage_Is404AsIfItDidNotExist()
    {
        const string other = "+15551240012";
        await GatewayScript.PairAsync(_host, other);
        var theirs = await _host.SendAsync(other, "not for you");

        var (response, body) = await RestFixture.PostAsync(_client, $"/v2/messages/{theirs}/read", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith($"No message '{theirs}';", (string?)body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadsAndReactions_OnAnotherIntegrationsChat_Are404()
    {
        const string other = "+15551240013";
        using var theirClient = RestFixture.ClientFor(_host, await GatewayScript.PairAsync(_host, other));
        var theirs = await _host.SendAsync(other, "private");
        var (_, message) = await RestFixture.GetAsync(theirClient, $"/v2/messages/{theirs}");
        var conversation = (string)message!["conversation_id"]!;

        var (get, _) = await RestFixture.GetAsync(_client, $"/v2/messages/{theirs}");
        var (list, _) = await RestFixture.GetAsync(_client, $"/v2/conversations/{conversation}/messages");
        var (react, _) = await RestFixture.PostAsync(_client, $"/v2/messages/{theirs}/reactions", new { reaction = "+love" });
        var (typing, _) = await RestFixture.PostAsync(_client, "/v2/typing", new { conversation_id = conversation, typing = true });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, react.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, typing.StatusCode);
    }

    [Fact]
    public async Task Typing_WithoutTheFlag_Is400()
    {
        var (response, body) = await RestFixture.PostAsync(_client, "/v2/typing", new { to = Phone });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'typing'", (string?)body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversations_ListsOnlyThisIntegrationsChats()
    {
        await GatewayScript.PairAsync(_host, "+15551240013");
        await _host.SendAsync(Phone, "hello");

        var (response, body) = await RestFixture.GetAsync(_client, "/v2/conversations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = Assert.Single(body!["data"]!.AsArray());
        Assert.Equal(Phone, (string?)conversation!["handle"]);
        Assert.False((bool)conversation["is_group"]!);
    }

    [Fact]
    public async Task Messages_PagesNewestFirstWithACursor()
    {
        var first = await _host.SendAsync(Phone, "one");
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await _host.SendAsync(Phone, "two");
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        var third = await _host.SendAsync(Phone, "three");
        var conversationId = (string)(await RestFixture.GetAsync(_client, "/v2/conversations")).Body!["data"]![0]!["id"]!;

        var (_, page1) = await RestFixture.GetAsync(_client, $"/v2/conversations/{conversationId}/messages?limit=2");
        var cursor = (string)page1!["next_cursor"]!;
        var (_, page2) = await RestFixture.GetAsync(_client, $"/v2/conversations/{conversationId}/messages?limit=2&cursor={cursor}");

        Assert.Equal([third, second], page1["data"]!.AsArray().Select(m => (string?)m!["id"]));
        Assert.Contains(first, page2!["data"]!.AsArray().Select(m => (string?)m!["id"]));
        Assert.Equal("inbound", (string?)page1["data"]![0]!["direction"]);
        Assert.Equal(Phone, (string?)page1["data"]![0]!["from"]);
    }

    [Fact]
    public async Task Messages_SinceAndUntil_BoundTheTimes()
    {
        await _host.SendAsync(Phone, "early");
        _host.Time.Advance(TimeSpan.FromMinutes(10));
        var since = _host.Time.GetUtcNow();
        var late = await _host.SendAsync(Phone, "late");
        var conversationId = (string)(await RestFixture.GetAsync(_client, "/v2/conversations")).Body!["data"]![0]!["id"]!;

        var (_, page) = await RestFixture.GetAsync(_client, $"/v2/conversations/{conversationId}/messages?since={Uri.EscapeDataString(since.ToString("O"))}");
        var (_, before) = await RestFixture.GetAsync(_client, $"/v2/conversations/{conversationId}/messages?until={Uri.EscapeDataString(since.AddMinutes(-1).ToString("O"))}");

        Assert.Equal([late], page!["data"]!.AsArray().Select(m => (string?)m!["id"]));
        Assert.DoesNotContain(late, before!["data"]!.AsArray().Select(m => (string?)m!["id"]));
    }

    [Fact]
    public async Task Messages_BadLimitOrTime_Is400()
    {
        await _host.SendAsync(Phone, "hello");
        var conversationId = (string)(await RestFixture.GetAsync(_client, "/v2/conversations")).Body!["data"]![0]!["id"]!;

        var (limit, _) = await RestFixture.GetAsync(_client, $"/v2/conversations/{conversationId}/messages?limit=0");
        var (since, _) = await RestFixture.GetAsync(_client, $"/v2/conversations/{conversationId}/messages?since=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, limit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, since.StatusCode);
    }

    [Fact]
    public async Task GetMessage_Outbound_ReportsItsDeliveryStatus()
    {
        var (_, sent) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone, body = "status?" });
        var id = (string)sent!["message_id"]!;

        var (response, queued) = await RestFixture.GetAsync(_client, $"/v2/messages/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("outbound", (string?)queued!["direction"]);
        Assert.Equal(Phone, (string?)queued["to"]);
        Assert.True((string?)queued["status"] is "queued" or "sent");
        await _host.AdvanceUntilAsync(async () => (string?)(await RestFixture.GetAsync(_client, $"/v2/messages/{id}")).Body!["status"] == "sent");
    }
}
