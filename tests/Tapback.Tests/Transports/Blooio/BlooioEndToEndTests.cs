using static Tapback.Tests.Transports.Blooio.BlooioTestKit;
using static Tapback.Tests.Transports.Hosted.HostedStore;

namespace Tapback.Tests.Transports.Blooio;

/// <summary>A person texts through Blooio, the built-in agent answers, and the answer goes back through Blooio.</summary>
public sealed class BlooioEndToEndTests
{
    [Fact]
    public async Task Webhook_Text_IsAnsweredInTheSameChatWithReadAndTyping()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);

        using (var response = await PostAsync(host, Received(host, "RX1", "hello there")))
        {
            response.EnsureSuccessStatusCode();
        }

        var sent = await WaitForSendsAsync(host, blooio);

        Assert.All(sent, message => Assert.Equal(Alice, message.ChatId));
        Assert.Contains(blooio.Requests, r => r.Method == "POST" && r.PathAndQuery == "/v2/api/chats/%2B15551234567/read");
        Assert.Contains(blooio.Requests, r => r.Method == "POST" && r.PathAndQuery == "/v2/api/chats/%2B15551234567/typing");
        Assert.All(sent, message => Assert.False(string.IsNullOrEmpty(message.IdempotencyKey)));
    }

    [Fact]
    public async Task Webhook_ReplayedAfterTheAnswer_IsNotAnsweredAgain()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);
        var body = Received(host, "RX1", "hello there");
        using (await PostAsync(host, body))
        {
        }

        var answered = (await WaitForSendsAsync(host, blooio)).Count;
        using (await PostAsync(host, body))
        {
        }

        await host.AdvanceUntilAsync(host.IsIdleAsync);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        Assert.Equal(answered, blooio.Sent.Count);
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE direction = 'in'"));
    }

    [Fact]
    public async Task Webhook_GroupMessageNamingTheAgent_IsAnsweredInTheGroup()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);

        var body = Received(host, "RX1", "hey tapback, what's for dinner?", extra: new { is_group = true, group_id = "grp_family", group_name = "Family" });
        using (var response = await PostAsync(host, body))
        {
            response.EnsureSuccessStatusCode();
        }

        var sent = await WaitForSendsAsync(host, blooio);

        Assert.All(sent, message => Assert.Equal("grp_family", message.ChatId));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM conversations WHERE chat_id = 'grp_family' AND is_group = TRUE AND display_name = 'Family'"));
    }

    [Fact]
    public async Task Webhook_TapbackOnTheAgentsReply_LandsOnOurMessageAndIsNotAnsweredAsText()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);
        using (await PostAsync(host, Received(host, "RX1", "hello there")))
        {
        }

        var reply = (await WaitForSendsAsync(host, blooio))[0];
        var reaction = $$"""{"event":"message.reaction","message_id":"{{reply.MessageId}}","external_id":"{{Alice}}","sender":"{{Alice}}","reaction":"+love","timestamp":{{host.Time.GetUtcNow().ToUnixTimeMilliseconds()}}}""";
        using (var response = await PostAsync(host, reaction))
        {
            response.EnsureSuccessStatusCode();
        }

        await host.AdvanceUntilAsync(host.IsIdleAsync);

        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM reactions r JOIN messages m ON m.id = r.message_id WHERE m.provider_id = @id AND r.reaction = 'love'", new { id = reply.MessageId }));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE direction = 'in'"));
    }
}
