using Tapback.Messaging;
using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Gateway.Delivery.DeliveryTestHost;

namespace Tapback.Tests.Gateway.Delivery;

/// <summary>A backlog fetched after downtime is stored, but only recent messages are answered.</summary>
public sealed class AnswerWindowTests
{
    [Fact]
    public async Task Receive_MessageOlderThanTheAnswerWindow_IsStoredButNotAnswered()
    {
        var transport = new RecordingTransport("catchup");
        await using var host = await StartAsync(transport, new Dictionary<string, string?> { ["Tapback:Gateway:Inbox:AnswerWindow"] = "00:10:00" });

        var old = await ReceiveAsync(host, transport, "evt-old", "from last night", sentAt: host.Time.GetUtcNow() - TimeSpan.FromHours(9));
        var recent = await ReceiveAsync(host, transport, "evt-new", "just now", sentAt: host.Time.GetUtcNow() - TimeSpan.FromMinutes(2), from: "+15557654321");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));

        Assert.True(old.Created);
        Assert.True(recent.Created);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM agent_queue WHERE message_id = @MessageId", new { old.MessageId }));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM agent_queue WHERE message_id = @MessageId", new { recent.MessageId }));
        Assert.All(transport.Actions.OfType<SendMessageAction>(), send => Assert.Equal("+15557654321", send.ChatId));
        Assert.NotEmpty(transport.Actions.OfType<SendMessageAction>());
    }
}
