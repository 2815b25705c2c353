using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway;

/// <summary>The whole loop on embedded defaults: simulator in, built-in agent, bubbles out.</summary>
public sealed class MessagePathTests : IAsyncLifetime
{
    private const string Phone = "+15551234567";
    private TapbackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Message_ThroughTheSimulator_IsReadThenTypedThenAnsweredInSeveralBubbles()
    {
        var messageId = await _host.SendAsync(Phone, "What can you do?");

        var events = await _host.WaitForRepliesAsync(Phone, count: 2);

        var types = events.Select(e => e.Type).ToList();
        Assert.Equal("message.sent", types[0]);
        Assert.Equal("read", types[1]);
        Assert.Equal(messageId, events[1].MessageId);
        Assert.Equal("typing.started", types[2]);
        Assert.Equal("message.received", types[3]);
        var bubbles = events.Where(e => e.Type == "message.received").ToList();
        Assert.True(bubbles.Count >= 2, $"Expected several bubbles, got {bubbles.Count}.");
        Assert.All(bubbles, bubble =>
        {
            Assert.False(bubble.FromMe);
            Assert.InRange(bubble.Text!.Length, 1, 280);
            Assert.DoesNotContain("**", bubble.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("`", bubble.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("# ", bubble.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Reply_BetweenBubbles_ShowsTypingAndWaitsAJitteredBeat()
    {
        await _host.SendAsync(Phone, "hello");

        var events = await _host.WaitForRepliesAsync(Phone, count: 2);

        // The beat each later bubble was given: drawn from [BubbleGapMin, BubbleGapMax] = [700, 1200] ms.
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        var beats = (await connection.QueryAsync<long>(
            "SELECT delay_ms FROM outbox WHERE kind = 'message' AND idempotency_key LIKE '%:bubble:%' AND idempotency_key NOT LIKE '%:bubble:0' ORDER BY id")).ToList();
        Assert.NotEmpty(beats);
        Assert.All(beats, beat => Assert.InRange(beat, 700, 1200));

        var afterFirstBubble = events.SkipWhile(e => e.Type != "message.received").ToList();
        var later = 0;
        for (var index = 1; index < afterFirstBubble.Count; index++)
        {
            if (afterFirstBubble[index].Type != "message.received")
            {
                continue;
            }

            // Each later bubble is preceded by the typing indicator and reaches the phone no sooner than
            // its beat on the fake clock. (How much later depends on how fast this machine runs the
            // dispatcher while the test host keeps the fake clock moving, so no upper bound is asserted here.)
            Assert.Equal("typing.started", afterFirstBubble[index - 1].Type);
            var previous = afterFirstBubble.Take(index).Last(e => e.Type == "message.received");
            var gap = afterFirstBubble[index].At - previous.At;
            Assert.True(gap.TotalMilliseconds >= beats[later], $"Bubble {later + 1} arrived {gap.TotalMilliseconds} ms after the one before it; its beat was {beats[later]} ms.");
            later++;
        }

        Assert.Equal(beats.Count, later);
    }

    [Fact]
    public async Task Messages_FromTwoPhones_AreAnsweredEachInItsOwnConversation()
    {
        await _host.SendAsync(Phone, "one");
        await _host.SendAsync("+15557654321", "two");

        var first = await _host.WaitForRepliesAsync(Phone, count: 2);
        var second = await _host.WaitForRepliesAsync("+15557654321", count: 2);

        Assert.Contains(first, e => e.Type == "message.received" && e.Text!.Contains("one", StringComparison.Ordinal));
        Assert.Contains(second, e => e.Type == "message.received" && e.Text!.Contains("two", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Message_FromASenderNotAllowed_IsStoredAndNeverAnswered()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Agent:AllowFrom:0"] = "+1 555 000 0001" });

        await host.SendAsync(Phone, "let me in");
        await host.AdvanceUntilAsync(host.IsIdleAsync);
        host.Time.Advance(TimeSpan.FromMinutes(5));

        var events = await host.EventsAsync(Phone);
        Assert.Equal(["message.sent"], events.Select(e => e.Type));
    }

    [Fact]
    public async Task Message_FromAnAllowedSender_IsAnswered()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Agent:AllowFrom:0"] = "+1 (555) 123-4567" });

        await host.SendAsync(Phone, "hi");

        var events = await host.WaitForRepliesAsync(Phone);
        Assert.Contains(events, e => e.Type == "message.received");
    }

    [Fact]
    public async Task Healthz_StoreReachable_Returns200()
    {
        using var response = await _host.Client.GetAsync("/healthz");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
