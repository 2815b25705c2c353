using Microsoft.Extensions.Time.Testing;
using Tapback.Client.Tests.Infrastructure;
using Tapback.Tests.Infrastructure;

namespace Tapback.Client.Tests.Agent;

/// <summary>The WebSocket agent client against a real Tapback on loopback: an echo bot, actions, a re-pairing.</summary>
public sealed class TapbackAgentClientTests
{
    private const string Phone = "+15551230002";

    [Fact]
    public async Task EventsAsync_PhoneTexts_EchoBotAnswersOnceAndHearsItsSend()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var paired = await Phones.PairAsync(host, Phone);
        await using var agent = new TapbackAgentClient(new() { Gateway = host.BaseAddress, Phone = Phone, Token = paired.Token, TimeProvider = host.Time });
        using var stop = new CancellationTokenSource();
        var seen = new List<TapbackEvent>();
        var reading = Task.Run(async () =>
        {
            await foreach (var received in agent.EventsAsync(stop.Token))
            {
                lock (seen)
                {
                    seen.Add(received);
                }

                if (received is MessageReceivedEvent message)
                {
                    await agent.ReplyAsync(message, $"echo: {message.Text}", cancellationToken: stop.Token);
                }
            }
        });
        await host.AdvanceUntilAsync(() => Task.FromResult(agent.IsConnected));

        var sent = await host.SendAsync(Phone, "hello");
        await host.AdvanceUntilAsync(async () => await Phones.BubblesAsync(host, Phone, "echo: hello") == 1 && Seen<MessageSentEvent>().Count == 1);

        var message = Assert.Single(Seen<MessageReceivedEvent>());
        Assert.Equal(sent, message.MessageId);
        Assert.Equal("hello", message.Text);
        Assert.Equal(Phone, message.From);
        Assert.Equal(message.ChatId, Assert.Single(Seen<MessageSentEvent>()).ChatId);
        Assert.IsType<ConnectedEvent>(Seen<TapbackEvent>()[0]);
        await stop.CancelAsync();
        await reading.WaitAsync(Waits.HangGuard).ContinueWith(_ => { }, TaskScheduler.Default);

        List<T> Seen<T>()
        {
            lock (seen)
            {
                return [.. seen.OfType<T>()];
            }
        }
    }

    [Fact]
    public async Task Actions_ReadTypingAndTapback_ReachThePhone()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var paired = await Phones.PairAsync(host, Phone);
        MessageReceivedEvent? hello = null;
        await using var agent = new RunningAgent(
            new TapbackAgentClient(new() { Gateway = host.BaseAddress, Phone = Phone, Token = paired.Token, TimeProvider = host.Time }),
            (received, _) =>
            {
                hello ??= received as MessageReceivedEvent;
                return Task.CompletedTask;
            });
        await host.SendAsync(Phone, "hi");
        await host.AdvanceUntilAsync(() => Task.FromResult(hello is not null));

        await agent.Client.MarkReadAsync(hello!.ChatId);
        await agent.Client.SetTypingAsync(hello.ChatId, typing: true);
        await agent.Client.ReactAsync(hello.MessageId, Reactions.Love);
        await host.AdvanceUntilAsync(async () =>
        {
            var events = await host.EventsAsync(Phone);
            return events.Any(e => e.Type == "read") && events.Any(e => e.Type == "typing.started") && events.Any(e => e.Type == "reaction" && e.Reaction == "love");
        });
    }

    [Fact]
    public async Task UploadAsync_ThenSendWithTheFile_PhoneGetsTheFile()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var paired = await Phones.PairAsync(host, Phone);
        await using var agent = new RunningAgent(new TapbackAgentClient(new() { Gateway = host.BaseAddress, Phone = Phone, Token = paired.Token, TimeProvider = host.Time }));
        await host.AdvanceUntilAsync(() => Task.FromResult(agent.Client.IsConnected));
        using var file = new MemoryStream("a small note"u8.ToArray());

        var uploaded = await agent.Client.UploadAsync(file, "note.txt", "text/plain");
        var sending = agent.Client.SendAsync(Phone, "here it is", new SendOptions { AttachmentIds = [uploaded.AttachmentId] });
        await host.AdvanceUntilAsync(() => Task.FromResult(sending.IsCompleted));

        Assert.StartsWith("msg_", (await sending).MessageId, StringComparison.Ordinal);
        var bubble = Assert.Single(await host.EventsAsync(Phone), e => e.Text == "here it is");
        Assert.Equal("note.txt", Assert.Single(bubble.Attachments!).FileName);
    }

    [Fact]
    public async Task SendAsync_SameClientMessageIdTwice_SendsOnceAndAnswersBothWithTheSameMessage()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var paired = await Phones.PairAsync(host, Phone);
        await using var agent = new RunningAgent(new TapbackAgentClient(new() { Gateway = host.BaseAddress, Phone = Phone, Token = paired.Token, TimeProvider = host.Time }));
        await host.AdvanceUntilAsync(() => Task.FromResult(agent.Client.IsConnected));
        var once = new SendOptions { ClientMessageId = "greeting-1" };

        var first = agent.Client.SendAsync(Phone, "good morning", once);
        await host.AdvanceUntilAsync(() => Task.FromResult(first.IsCompleted));
        var again = agent.Client.SendAsync(Phone, "good morning", once);
        await host.AdvanceUntilAsync(() => Task.FromResult(again.IsCompleted));

        Assert.Equal((await first).MessageId, (await again).MessageId);
        await host.AdvanceUntilAsync(host.IsIdleAsync);
        Assert.Equal(1, await Phones.BubblesAsync(host, Phone, "good morning"));
    }

    [Fact]
    public async Task SendAsync_GatewayRefusesTheFrame_ThrowsRefusedWithItsSentence()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var paired = await Phones.PairAsync(host, Phone);
        await using var agent = new RunningAgent(new TapbackAgentClient(new() { Gateway = host.BaseAddress, Phone = Phone, Token = paired.Token, TimeProvider = host.Time }));
        await host.AdvanceUntilAsync(() => Task.FromResult(agent.Client.IsConnected));

        var sending = agent.Client.SendAsync(Phone, "boom", new SendOptions { Effect = "not-an-effect" });
        await host.AdvanceUntilAsync(() => Task.FromResult(sending.IsCompleted));

        var error = await Assert.ThrowsAsync<TapbackSendFailedException>(() => sending);
        Assert.True(error.Refused);
        Assert.Contains("effect", error.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RunAsync_HandlerThrowsOnce_EventComesAgainAfterTheReconnectAndIsAnsweredOnce()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var paired = await Phones.PairAsync(host, Phone);
        var clientTime = new FakeTimeProvider(host.Time.GetUtcNow()) { AutoAdvanceAmount = TimeSpan.Zero };
        var client = new TapbackAgentClient(new() { Gateway = host.BaseAddress, Phone = Phone, Token = paired.Token, TimeProvider = clientTime, Jitter = () => 0.5 });
        var attempts = 0;
        await using var agent = new RunningAgent(client, async (received, cancellationToken) =>
        {
            if (received is MessageReceivedEvent message)
            {
                if (Interlocked.Increment(ref attempts) == 1)
                {
                    throw new InvalidOperationException("the store is down for a moment");
                }

                await client.ReplyAsync(message, $"echo: {message.Text}", cancellationToken: cancellationToken);
            }
        });
        await host.AdvanceUntilAsync(() => Task.FromResult(client.IsConnected));

        await host.SendAsync(Phone, "hello");
        await Waits.UntilAsync(
            async () => await Phones.BubblesAsync(host, Phone, "echo: hello") == 1 && await host.IsIdleAsync(),
            () =>
            {
                clientTime.Advance(TimeSpan.FromSeconds(1));
                host.Time.Advance(TimeSpan.FromMilliseconds(100));
            });

        Assert.Equal(2, Volatile.Read(ref attempts));
        var failed = Assert.Single(agent.Events.OfType<DisconnectedEvent>());
        Assert.True(failed.HandlerFailed);
        Assert.Equal("the store is down for a moment", failed.Exception!.Message);
    }

    [Fact]
    public async Task EventsAsync_PhonePairedAgain_EndsWithReplacedAndNeverReconnects()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var paired = await Phones.PairAsync(host, Phone);
        await using var agent = new TapbackAgentClient(new() { Gateway = host.BaseAddress, Phone = Phone, Token = paired.Token, TimeProvider = host.Time });
        var connections = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var received in agent.EventsAsync())
            {
                if (received is ConnectedEvent)
                {
                    Interlocked.Increment(ref connections);
                }
            }
        });
        await host.AdvanceUntilAsync(() => Task.FromResult(Volatile.Read(ref connections) == 1));

        await Phones.PairAsync(host, Phone);
        await host.AdvanceUntilAsync(() => Task.FromResult(reading.IsCompleted));

        var replaced = await Assert.ThrowsAsync<TapbackReplacedException>(() => reading);
        Assert.False(string.IsNullOrEmpty(replaced.Reason));
        Assert.Equal(1, Volatile.Read(ref connections));
        Assert.False(agent.IsConnected);
    }
}
