using Tapback.Tests.Transports.Hosted;
using static Tapback.Tests.Transports.Blooio.BlooioTestKit;
using static Tapback.Tests.Transports.Hosted.HostedStore;

namespace Tapback.Tests.Transports.Blooio;

/// <summary>Through the outbox: a lost answer is retried with the same Idempotency-Key, which Blooio answers with the first message.</summary>
public sealed class BlooioOutcomeTests
{
    [Fact]
    public async Task AgentReply_AnswerLostAfterSending_IsRetriedWithTheSameKeyAndSentOnce()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);
        blooio.FailNextSend(ProviderFault.Dropped);

        using (await PostAsync(host, Received(host, "RX1", "hello there")))
        {
        }

        await host.AdvanceUntilAsync(async () => blooio.Sent.Count >= 1 && await host.IsIdleAsync(), step: TimeSpan.FromSeconds(1));

        var sendRequests = blooio.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.EndsWith("/messages", StringComparison.Ordinal)).ToList();
        Assert.True(sendRequests.Count > blooio.Sent.Count, "The lost send was tried again.");
        Assert.Equal(blooio.Sent.Count, blooio.Sent.Select(message => message.IdempotencyKey).Distinct().Count());
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state <> 'done'"));
    }

    [Fact]
    public async Task DeliveredWebhook_ForOurReply_MovesItToDelivered()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);
        using (await PostAsync(host, Received(host, "RX1", "hello there")))
        {
        }

        var reply = (await WaitForSendsAsync(host, blooio))[0];
        var delivered = $$"""{"event":"message.delivered","message_id":"{{reply.MessageId}}","external_id":"{{Alice}}","protocol":"imessage","timestamp":{{host.Time.GetUtcNow().ToUnixTimeMilliseconds()}},"device_id":"A1B2C3D4","delivered_at":{{host.Time.GetUtcNow().ToUnixTimeMilliseconds()}}}""";
        using (var response = await PostAsync(host, delivered))
        {
            response.EnsureSuccessStatusCode();
        }

        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE provider_id = @id AND state = 'delivered'", new { id = reply.MessageId }));
    }
}
