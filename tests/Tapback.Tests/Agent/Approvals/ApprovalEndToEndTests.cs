using Tapback.Tests.Agent.Tools;
using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Agent.Tools.ToolTestHosts;

namespace Tapback.Tests.Agent.Approvals;

/// <summary>
/// Approvals by tapback, through the simulator: the guarded tool is <c>react</c> (named in
/// <c>Tapback:Agent:RequireApproval</c>), whose effect the phone shows as the agent's tapback.
/// </summary>
public sealed class ApprovalEndToEndTests
{
    private const string Footer = "React 👍 to allow, 👎 to deny.";

    [Fact]
    public async Task GuardedTool_ModelCallsIt_OneBubbleSaysWhatWillRunAndNothingRunsYet()
    {
        await using var s = await StartAsync();
        var bubbles = Bubbles(await s.Host.WaitForRepliesAsync(Phone, count: 2));

        Assert.Equal("Lovely news!", bubbles[0].Text);
        Assert.Equal($"I'd like to run react with reaction: \"love\". {Footer}", bubbles[1].Text);
        Assert.DoesNotContain(await s.Host.EventsAsync(Phone), e => e.Type == "reaction" && !e.FromMe);
        Assert.Equal(["pending"], await QueryAsync<string>(s.Host, "SELECT state FROM approvals"));
    }

    [Fact]
    public async Task Tapback_LikeOnTheApprovalBubble_ToolRunsAndTheModelContinues()
    {
        await using var s = await StartAsync();
        var approval = Bubbles(await s.Host.WaitForRepliesAsync(Phone, count: 2))[1];
        s.Model.EnqueueReplies("Congratulations!");

        await s.Host.ReactAsync(Phone, approval.MessageId!, "like");
        var events = await s.Host.WaitForRepliesAsync(Phone, count: 3);

        Assert.Equal("Congratulations!", Bubbles(events)[2].Text);
        var tapback = Assert.Single(events, e => e.Type == "reaction" && !e.FromMe);
        Assert.Equal((s.Question, "love"), (tapback.MessageId, tapback.Reaction));
        var resumed = s.Model.Requests[^1];
        var result = Assert.Single(resumed.Messages, message => message.Role == "tool");
        Assert.Contains("love tapback", result.Text, StringComparison.Ordinal);
        Assert.Equal([("approved", "tapback:like")], await QueryAsync<(string, string)>(s.Host, "SELECT state, decided_by FROM approvals"));
    }

    [Fact]
    public async Task Tapback_OnAnotherBubble_DoesNothingUntilTheRightBubbleIsLoved()
    {
        await using var s = await StartAsync();
        var bubbles = Bubbles(await s.Host.WaitForRepliesAsync(Phone, count: 2));
        s.Model.EnqueueReplies("Done!");

        await s.Host.ReactAsync(Phone, bubbles[0].MessageId!, "like");
        await s.Host.ReactAsync(Phone, s.Question, "like");
        await s.Host.AdvanceUntilAsync(s.Host.IsIdleAsync);

        Assert.Equal(1, s.Model.RequestCount);
        Assert.Equal(["pending"], await QueryAsync<string>(s.Host, "SELECT state FROM approvals"));

        await s.Host.ReactAsync(Phone, bubbles[1].MessageId!, "love");
        await s.Host.WaitForRepliesAsync(Phone, count: 3);
        Assert.Equal([("approved", "tapback:love")], await QueryAsync<(string, string)>(s.Host, "SELECT state, decided_by FROM approvals"));
    }

    [Fact]
    public async Task Tapback_DislikeOnTheApprovalBubble_ToolIsDeniedAndTheModelIsToldSo()
    {
        await using var s = await StartAsync();
        var approval = Bubbles(await s.Host.WaitForRepliesAsync(Phone, count: 2))[1];
        s.Model.EnqueueReplies("Okay, I won't.");

        await s.Host.ReactAsync(Phone, approval.MessageId!, "dislike");
        var events = await s.Host.WaitForRepliesAsync(Phone, count: 3);

        Assert.DoesNotContain(events, e => e.Type == "reaction" && !e.FromMe);
        Assert.Contains("rejected", Assert.Single(s.Model.Requests[^1].Messages, message => message.Role == "tool").Text, StringComparison.Ordinal);
        Assert.Equal([("denied", "tapback:dislike")], await QueryAsync<(string, string)>(s.Host, "SELECT state, decided_by FROM approvals"));
    }

    [Theory]
    [InlineData("yes", "approved", "text:yes")]
    [InlineData("Yep!", "approved", "text:yes")]
    [InlineData("ok", "approved", "text:yes")]
    [InlineData("no", "denied", "text:no")]
    [InlineData("nope", "denied", "text:no")]
    [InlineData("Cancel", "denied", "text:no")]
    public async Task TypedAnswer_YesOrNoVariant_DecidesTheApprovalAndIsNotSentToTheModelAsText(string typed, string state, string decidedBy)
    {
        await using var s = await StartAsync();
        await s.Host.WaitForRepliesAsync(Phone, count: 2);
        s.Model.EnqueueReplies("Noted.");

        await s.Host.SendAsync(Phone, typed);
        var events = await s.Host.WaitForRepliesAsync(Phone, count: 3);

        Assert.Equal([(state, decidedBy)], await QueryAsync<(string, string)>(s.Host, "SELECT state, decided_by FROM approvals"));
        Assert.DoesNotContain(s.Model.Requests[^1].Messages, message => message.Role == "user" && message.Text == typed);
        Assert.Equal(state == "approved", events.Any(e => e.Type == "reaction" && !e.FromMe));
    }

    [Fact]
    public async Task TypedAnswer_OtherText_DeniesTheApprovalAndIsAnsweredAsANewMessage()
    {
        await using var s = await StartAsync();
        await s.Host.WaitForRepliesAsync(Phone, count: 2);
        s.Model.EnqueueReplies("It's sunny.");

        await s.Host.SendAsync(Phone, "what's the weather like?");
        var events = await s.Host.WaitForRepliesAsync(Phone, count: 3);

        Assert.Equal("It's sunny.", Bubbles(events)[2].Text);
        var resumed = s.Model.Requests[^1];
        Assert.Contains("rejected", Assert.Single(resumed.Messages, message => message.Role == "tool").Text, StringComparison.Ordinal);
        Assert.Equal(new FakeChatMessage("user", "what's the weather like?"), resumed.Messages[^1]);
        Assert.Equal([("denied", "text:other")], await QueryAsync<(string, string)>(s.Host, "SELECT state, decided_by FROM approvals"));
    }

    [Fact]
    public async Task Expiry_NoAnswerWithinTheTimeout_RecordedAsExpiredAndThePersonIsTold()
    {
        await using var s = await StartAsync();
        await s.Host.WaitForRepliesAsync(Phone, count: 2);

        s.Host.Time.Advance(TimeSpan.FromMinutes(10));
        var events = await s.Host.WaitForRepliesAsync(Phone, count: 3);

        Assert.Equal("No answer within 10 minutes, so I didn't run react.", Bubbles(events)[2].Text);
        Assert.Equal([("expired", "expiry")], await QueryAsync<(string, string)>(s.Host, "SELECT state, decided_by FROM approvals"));
        Assert.Equal(1, s.Model.RequestCount);

        // A late tapback on the expired bubble runs nothing.
        await s.Host.ReactAsync(Phone, Bubbles(events)[1].MessageId!, "like");
        await s.Host.AdvanceUntilAsync(s.Host.IsIdleAsync);
        Assert.Equal(1, s.Model.RequestCount);
        Assert.DoesNotContain(await s.Host.EventsAsync(Phone), e => e.Type == "reaction" && !e.FromMe);
    }

    /// <summary>A conversation where the model answered "I got the job" by asking to put a love tapback on it.</summary>
    private static async Task<Scenario> StartAsync()
    {
        var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        var host = await ToolTestHosts.StartAsync(model, new Dictionary<string, string?> { ["Tapback:Agent:RequireApproval:0"] = "react" });
        model.EnqueueReplies(new FakeReply { Text = "Lovely news!", ToolCalls = [new FakeToolCall("react", """{"reaction":"love"}""")] });
        var question = await host.SendAsync(Phone, "I got the job");
        return new Scenario(model, host, question);
    }

    private sealed record Scenario(FakeOpenAIServer Model, TapbackTestHost Host, string Question) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Model.DisposeAsync();
        }
    }
}
