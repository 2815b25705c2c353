using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Gateway.Delivery.DeliveryTestHost;

namespace Tapback.Tests.Gateway.Delivery;

/// <summary>Providers report delivered, read and failed; a message's state only moves forward.</summary>
public sealed class DeliveryReportTests
{
    [Fact]
    public async Task ReceiveStatus_DeliveredThenReadThenALateDelivered_EndsReadAndIgnoresRepeats()
    {
        var transport = new RecordingTransport("reports");
        await using var host = await StartAsync(transport);
        await ReceiveAsync(host, transport, "evt-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));
        var providerId = (await QueryAsync<string>(host, "SELECT provider_id FROM messages WHERE direction = 'out' ORDER BY seq LIMIT 1")).Single();
        var inbox = host.Services.GetRequiredService<Inbox>();

        Assert.True(await inbox.ReceiveStatusAsync(Status(transport, "st-1", providerId, DeliveryStatus.Delivered)));
        Assert.False(await inbox.ReceiveStatusAsync(Status(transport, "st-1", providerId, DeliveryStatus.Delivered)));
        Assert.True(await inbox.ReceiveStatusAsync(Status(transport, "st-2", providerId, DeliveryStatus.Read)));
        Assert.False(await inbox.ReceiveStatusAsync(Status(transport, "st-3", providerId, DeliveryStatus.Delivered)));
        Assert.False(await inbox.ReceiveStatusAsync(Status(transport, "st-4", providerId, DeliveryStatus.Failed)));

        Assert.Equal("read", (await QueryAsync<string>(host, "SELECT state FROM messages WHERE provider_id = @providerId", new { providerId })).Single());
    }

    [Fact]
    public async Task ReceiveStatus_ForAMessageThisStoreNeverSent_ChangesNothing()
    {
        var transport = new RecordingTransport("reports");
        await using var host = await StartAsync(transport);

        var recorded = await host.Services.GetRequiredService<Inbox>().ReceiveStatusAsync(Status(transport, "st-1", "someone-elses", DeliveryStatus.Read));

        Assert.False(recorded);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM inbox WHERE kind = 'status'"));
    }

    [Fact]
    public async Task ReceiveStatus_OnAPairedPhone_TellsItsIntegrationOnceAndNotTheBuiltInAgent()
    {
        await using var host = await TapbackTestHost.StartAsync();
        await GatewayScript.PairAsync(host, Phone);
        var conversationId = (await QueryAsync<string>(host, "SELECT id FROM conversations WHERE handle = @Phone", new { Phone })).Single();
        await ExecuteAsync(
            host,
            "INSERT INTO messages (id, conversation_id, direction, sender, body, provider_id, state, created_at, updated_at) VALUES ('msg_sent', @conversationId, 'out', 'simulator', 'hi', 'p-1', 'sent', 0, 0)",
            new { conversationId });
        var inbox = host.Services.GetRequiredService<Inbox>();

        await inbox.ReceiveStatusAsync(new InboundStatus { Transport = "simulator", EventId = "st-1", ProviderMessageId = "p-1", Status = DeliveryStatus.Delivered });
        await inbox.ReceiveStatusAsync(new InboundStatus { Transport = "simulator", EventId = "st-2", ProviderMessageId = "p-1", Status = DeliveryStatus.Read });

        var kinds = await QueryAsync<string>(host, "SELECT link || ' ' || kind FROM agent_queue WHERE message_id = 'msg_sent' ORDER BY seq");
        Assert.Equal(2, kinds.Count);
        Assert.All(kinds, kind => Assert.StartsWith("integration:", kind, StringComparison.Ordinal));
        Assert.EndsWith("message.delivered", kinds[0], StringComparison.Ordinal);
        Assert.EndsWith("message.read", kinds[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("queued", "Failed", "failed")]
    [InlineData("sent", "Failed", "failed")]
    [InlineData("delivered", "Failed", null)]
    [InlineData("sent", "Sent", null)]
    [InlineData("sent", "Read", "read")]
    [InlineData("read", "Delivered", null)]
    public void NextState_ReportAgainstCurrentState_MovesOnlyForward(string current, string reported, string? expected) =>
        Assert.Equal(expected, Inbox.NextState(current, Enum.Parse<DeliveryStatus>(reported)));

    private static InboundStatus Status(RecordingTransport transport, string eventId, string providerId, DeliveryStatus status) =>
        new() { Transport = transport.Name, EventId = eventId, ProviderMessageId = providerId, Status = status };
}
