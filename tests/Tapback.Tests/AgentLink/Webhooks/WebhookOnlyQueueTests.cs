using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Integrations;

namespace Tapback.Tests.AgentLink.Webhooks;

/// <summary>
/// An integration answered by its webhooks keeps no queue for a WebSocket that never came; once a
/// socket has said ready, its events wait for it while it is away, as before.
/// </summary>
public sealed class WebhookOnlyQueueTests
{
    [Fact]
    public async Task WebhooksOnly_MessagesGoOutAsWebhooks_AndNoQueueGrows()
    {
        await using var kit = await WebhookTestKit.StartAsync();

        for (var i = 0; i < 3; i++)
        {
            await kit.Host.SendAsync(WebhookTestKit.Phone, $"message {i}");
        }

        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count == 3);
        Assert.Equal(new PendingCounts(0, 0), await PendingAsync(kit));
    }

    [Fact]
    public async Task WebhooksOnly_ASocketThatConnectsLater_IsToldNothingWaitsThenHearsWhatComes()
    {
        await using var kit = await WebhookTestKit.StartAsync();
        await kit.Host.SendAsync(WebhookTestKit.Phone, "before any socket");
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count == 1);

        var (client, connected) = await ScriptedAgentClient.ConnectReadyAsync(kit.Host.BaseAddress, WebhookTestKit.Phone, Token(kit));
        await using (client)
        {
            Assert.Equal(0, (long)connected["data"]!["queuedCount"]!);
            var live = await kit.Host.SendAsync(WebhookTestKit.Phone, "while connected");
            Assert.Equal(live, (string?)(await client.ReceiveAsync("message.received"))["data"]!["messageId"]);
        }

        await kit.Host.AdvanceUntilAsync(async () => !kit.Host.Services.GetRequiredService<IntegrationConnections>().IsConnected(await IntegrationIdAsync(kit)));
        await kit.Host.SendAsync(WebhookTestKit.Phone, "while the socket is away");

        Assert.Equal(1, (await PendingAsync(kit)).Messages);
    }

    private static string Token(WebhookTestKit kit) => kit.Api.DefaultRequestHeaders.Authorization!.Parameter!;

    private static async Task<string> IntegrationIdAsync(WebhookTestKit kit) =>
        (await kit.Host.Services.GetRequiredService<IntegrationStore>().ListAsync()).Single().Id;

    private static async Task<PendingCounts> PendingAsync(WebhookTestKit kit) =>
        await kit.Host.Services.GetRequiredService<LinkQueue>().CountPendingAsync(IntegrationLinks.Of(await IntegrationIdAsync(kit)));
}
