using Tapback.Tests.Transports.Hosted;
using static Tapback.Tests.Transports.Hosted.HostedStore;
using static Tapback.Tests.Transports.Sendblue.SendblueTestKit;

namespace Tapback.Tests.Transports.Sendblue;

/// <summary>Through the outbox: an answer lost after Sendblue sent it is reconciled, not sent twice; delivery reports land.</summary>
public sealed class SendblueOutcomeTests
{
    [Fact]
    public async Task AgentReply_AnswerLostAfterSending_IsReconciledAsSentAndNotRepeated()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue);
        sendblue.FailNextSend(ProviderFault.Dropped);

        using (await PostAsync(host, Received(host, "H1", "hello")))
        {
        }

        await host.AdvanceUntilAsync(async () => sendblue.Sent.Count >= 1 && await host.IsIdleAsync(), step: TimeSpan.FromSeconds(1));

        var texts = sendblue.Sent.Select(message => message.Content).ToList();
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.Contains(sendblue.Requests, r => r.PathAndQuery.StartsWith("/api/v2/messages?number=", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state <> 'done'"));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE direction = 'out' AND provider_id = @handle", new { handle = sendblue.Sent[0].Handle }));
    }

    [Fact]
    public async Task StatusCallback_ForOurReply_MovesItToDelivered()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue);
        using (await PostAsync(host, Received(host, "H1", "hello")))
        {
        }

        var reply = (await WaitForSendsAsync(host, sendblue))[0];
        var callback = $$"""{"content":"x","is_outbound":true,"status":"DELIVERED","message_handle":"{{reply.Handle}}","date_sent":"2026-11-23T09:00:01Z","date_updated":"2026-11-23T09:00:02Z","from_number":"{{LineOne}}","number":"{{Alice}}","to_number":"{{Alice}}"}""";
        using (var response = await PostAsync(host, callback))
        {
            response.EnsureSuccessStatusCode();
        }

        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE provider_id = @handle AND state = 'delivered'", new { handle = reply.Handle }));
    }
}
