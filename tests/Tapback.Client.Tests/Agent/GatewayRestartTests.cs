using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
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
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-sdk-restart-").FullName;
        var clientTime = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };
        var gateway = await TapbackTestHost.StartAsync(dataDirectory: dataDirectory);
        try
        {
            var address = gateway.BaseAddress;
            var paired = await Phones.PairAsync(gateway, Phone);
            var handled = new ConcurrentDictionary<string, int>();
            var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var client = new TapbackAgentClient(new() { Gateway = address, Phone = Phone, Token = paired.Token, TimeProvider = clientTime, Jitter = () => 0.5 });
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
            await gateway.AdvanceUntilAsync(() => Task.FromResult(client.IsConnected));

            await gateway.SendAsync(Phone, "one");
            await gateway.AdvanceUntilAsync(() => Task.FromResult(holding.Task.IsCompleted));
            await gateway.DisposeAsync();
            gateway = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["urls"] = address.ToString() }, dataDirectory: dataDirectory);
            release.SetResult();

            // The client's backoff passes on its own clock; the gateway redelivers what was not acked.
            var restarted = gateway;
            await Waits.UntilAsync(
                async () => client.IsConnected && await restarted.IsIdleAsync() && handled.Keys.Count(key => key.StartsWith("sent:", StringComparison.Ordinal)) == 1,
                () =>
                {
                    clientTime.Advance(TimeSpan.FromSeconds(1));
                    restarted.Time.Advance(TimeSpan.FromMilliseconds(100));
                });
            await gateway.SendAsync(Phone, "two");
            await gateway.AdvanceUntilAsync(async () => await Phones.BubblesAsync(restarted, Phone, "echo: two") == 1 && handled.Keys.Count(key => key.StartsWith("sent:", StringComparison.Ordinal)) == 2);
            await gateway.AdvanceUntilAsync(gateway.IsIdleAsync);

            Assert.Equal(1, await Phones.BubblesAsync(gateway, Phone, "echo: one"));
            Assert.Equal(1, await Phones.BubblesAsync(gateway, Phone, "echo: two"));
            Assert.Equal(1, handled["received:one"]);
            Assert.Equal(1, handled["received:two"]);
            Assert.All(handled.Where(pair => pair.Key.StartsWith("sent:", StringComparison.Ordinal)), pair => Assert.Equal(1, pair.Value));
            Assert.Contains(agent.Events, received => received is DisconnectedEvent { WasConnected: true });
        }
        finally
        {
            await gateway.DisposeAsync();
            await TestStore.DropAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task SendAsync_GatewayDown_WaitsAndSendsOnceAfterTheReconnect()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-sdk-restart-").FullName;
        var clientTime = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };
        var gateway = await TapbackTestHost.StartAsync(dataDirectory: dataDirectory);
        try
        {
            var address = gateway.BaseAddress;
            var paired = await Phones.PairAsync(gateway, Phone);
            await using var agent = new RunningAgent(new TapbackAgentClient(new() { Gateway = address, Phone = Phone, Token = paired.Token, TimeProvider = clientTime, Jitter = () => 0.5 }));
            await gateway.AdvanceUntilAsync(() => Task.FromResult(agent.Client.IsConnected));
            await gateway.DisposeAsync();
            await Waits.UntilAsync(() => Task.FromResult(agent.Events.OfType<DisconnectedEvent>().Any()));

            var sending = agent.Client.SendAsync(Phone, "while you were away", new SendOptions { ClientMessageId = "away-1" });
            gateway = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["urls"] = address.ToString() }, dataDirectory: dataDirectory);
            var restarted = gateway;
            await Waits.UntilAsync(
                () => Task.FromResult(sending.IsCompleted),
                () =>
                {
                    clientTime.Advance(TimeSpan.FromSeconds(1));
                    restarted.Time.Advance(TimeSpan.FromMilliseconds(100));
                });
            await gateway.AdvanceUntilAsync(gateway.IsIdleAsync);

            Assert.Equal("away-1", (await sending).ClientMessageId);
            Assert.Equal(1, await Phones.BubblesAsync(gateway, Phone, "while you were away"));
        }
        finally
        {
            await gateway.DisposeAsync();
            await TestStore.DropAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
