using System.Net.Http.Headers;
using Tapback.Client.Tests.Infrastructure;
using Tapback.Tests.Infrastructure;

namespace Tapback.Client.Tests.Agent;

/// <summary>
/// An SDK echo bot and a phone that answers it at once look like two programs talking: the real
/// gateway's loop breaker pauses the conversation and the bot hears it typed; an operator's resume too.
/// (Holding the paused conversation's sends is the governor's dispatcher hook; SendOutcomesTests and
/// EventReaderTests cover the SDK's side of message.held.)
/// </summary>
public sealed class LoopBreakerTests
{
    private const string Phone = "+15551230009";
    private const string AdminToken = "sdk-loop-breaker-admin-token-0123456789";

    [Fact]
    public async Task EventsAsync_LoopBreakerPausesThenOperatorResumes_BotHearsBothTyped()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Governor:ApplyToSimulator"] = "true",
            ["Tapback:Governor:LoopBreaker:FastReplyRounds"] = "3",
            ["Tapback:Admin:Token"] = AdminToken,
        });
        var paired = await Phones.PairAsync(host, Phone);
        TapbackAgentClient? client = null;
        await using var agent = new RunningAgent(
            client = new TapbackAgentClient(new() { Gateway = host.BaseAddress, Phone = Phone, Token = paired.Token, TimeProvider = host.Time }),
            async (received, cancellationToken) =>
            {
                if (received is MessageReceivedEvent message)
                {
                    await client!.ReplyAsync(message, $"echo: {message.Text}", new() { ClientMessageId = $"echo:{message.MessageId}" }, cancellationToken);
                }
            });
        await host.AdvanceUntilAsync(() => Task.FromResult(client.IsConnected));

        for (var round = 1; round <= 10 && !agent.Events.OfType<ConversationPausedEvent>().Any(); round++)
        {
            // The phone answers half a second after each echo: fast, as a program would.
            host.Time.Advance(TimeSpan.FromMilliseconds(500));
            await host.SendAsync(Phone, $"ping {round}");
            // The echo of the round that trips the breaker is held (the paused conversation's sends wait).
            await host.AdvanceUntilAsync(async () => agent.Events.OfType<ConversationPausedEvent>().Any()
                || (await Phones.BubblesAsync(host, Phone, $"echo: ping {round}") == 1 && await host.IsIdleAsync()));
        }

        var paused = Assert.Single(agent.Events.OfType<ConversationPausedEvent>());
        Assert.Equal("loop_suspected", paused.Reason);
        Assert.Equal("fast_replies", paused.Evidence!.Kind);
        Assert.True(paused.Evidence.Rounds >= 3);
        Assert.NotNull(paused.Seq);

        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using (var resumed = await admin.PostAsync(new Uri($"/api/admin/conversations/{paused.ChatId}/resume", UriKind.Relative), null))
        {
            resumed.EnsureSuccessStatusCode();
        }

        await host.AdvanceUntilAsync(() => Task.FromResult(agent.Events.OfType<ConversationResumedEvent>().Any()));
        Assert.Equal(paused.ChatId, Assert.Single(agent.Events.OfType<ConversationResumedEvent>()).ChatId);
    }
}
