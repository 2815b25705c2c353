using System.Collections.Concurrent;
using Tapback.Client.Tests.Infrastructure;
using Tapback.Tests.Infrastructure;

namespace Tapback.Client.Tests.Agent;

/// <summary>
/// Tapback stops and starts again on the same data and address while an agent is connected: every
/// message reaches the handler once and every answer is sent once.
/// </summary>
public sealed class GatewayRestartTests
{
    private const string Phone = "+15551230003";

    [Fact]
    public async Task RunAsync_GatewayRestartsWhileTheHandlerHoldsAnEvent_HandlesItOnceAndSendsItsAnswerOnce()
    {
        await using var gateway = await RestartableGateway.StartAsync();
        var paired = await Phones.PairAsync(gateway.Host, Phone);
        var handled = new ConcurrentDictionary<string, int>();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new TapbackAgentClient(new() { Gateway = gateway.Address, Phone = Phone, Token = paired.Token, TimeProvider = gateway.ClientTime, Jitter = () => 0.5 });
        await using var agent = new RunningAgent(client, async (received, cancellationToken) =>
        {
            var key = received switch
            {
                MessageReceivedEvent message => $"received:{message.Text}",
                MessageSentEvent sent => $"sent:{sent.MessageId}",
                _ => null,
            };
            if (key is not null)
            {
                handled.AddOrUpdate(key, 1, (_, count) => count + 1);
            }

            if (received is MessageReceivedEvent hello)
            {
                // Keyed by the message: however often the handler answers it, the phone gets one answer.
                await client.ReplyAsync(hello, $"echo: {hello.Text}", new SendOptions { ClientMessageId = $"echo:{hello.MessageId}" }, cancellationToken);
                if (hello.Text == "one")
                {
                    // Answered, not yet acked: the gateway goes away while the handler still holds it.
                    holding.TrySetResult();
                    await release.Task.WaitAsync(cancellationToken);
                }
            }
        });
        await gateway.Host.AdvanceUntilAsync(() => Task.FromResult(client.IsConnected));

        await gateway.Host.SendAsync(Phone, "one");
        await gateway.Host.AdvanceUntilAsync(() => Task.FromResult(holding.Task.IsCompleted));
        await gateway.StopAsync();
        await gateway.StartAgainAsync();
        release.SetResult();

        // The client's backoff passes on its own clock; the gateway redelivers what was not acked.
        await gateway.AdvanceBothUntilAsync(async () => client.IsConnected && await gateway.Host.IsIdleAsync() && Sends() == 1);
        await gateway.Host.SendAsync(Phone, "two");
        await gateway.Host.AdvanceUntilAsync(async () => await Phones.BubblesAsync(gateway.Host, Phone, "echo: two") == 1 && Sends() == 2);
        await gateway.Host.AdvanceUntilAsync(gateway.Host.IsIdleAsync);

        Assert.Equal(1, await Phones.BubblesAsync(gateway.Host, Phone, "echo: one"));
        Assert.Equal(1, await Phones.BubblesAsync(gateway.Host, Phone, "echo: two"));
        Assert.Equal(1, handled["received:one"]);
        Assert.Equal(1, handled["received:two"]);
        Assert.All(handled.Where(pair => pair.Key.StartsWith("sent:", StringComparison.Ordinal)), pair => Assert.Equal(1, pair.Value));
        Assert.Contains(agent.Events, received => received is DisconnectedEvent { WasConnected: true });

        int Sends() => handled.Keys.Count(key => key.StartsWith("sent:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_GatewayDown_WaitsAndSendsOnceAfterTheReconnect()
    {
        await using var gateway = await RestartableGateway.StartAsync();
        var paired = await Phones.PairAsync(gateway.Host, Phone);
        await using var agent = new RunningAgent(new TapbackAgentClient(new() { Gateway = gateway.Address, Phone = Phone, Token = paired.Token, TimeProvider = gateway.ClientTime, Jitter = () => 0.5 }));
        await gateway.Host.AdvanceUntilAsync(() => Task.FromResult(agent.Client.IsConnected));
        await gateway.StopAsync();
        await Waits.UntilAsync(() => Task.FromResult(agent.Events.OfType<DisconnectedEvent>().Any()));

        var sending = agent.Client.SendAsync(Phone, "while you were away", new SendOptions { ClientMessageId = "away-1" });
        await gateway.StartAgainAsync();
        await gateway.AdvanceBothUntilAsync(() => Task.FromResult(sending.IsCompleted));
        await gateway.Host.AdvanceUntilAsync(gateway.Host.IsIdleAsync);

        Assert.Equal("away-1", (await sending).ClientMessageId);
        Assert.Equal(1, await Phones.BubblesAsync(gateway.Host, Phone, "while you were away"));
    }
}
