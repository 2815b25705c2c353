namespace Tapback.Client.Tests.Agent;

/// <summary>Send outcomes matched by clientMessageId, whichever comes first: the wait or the answer.</summary>
public sealed class SendOutcomesTests
{
    [Fact]
    public async Task WaitAsync_AnswerArrivesAfterwards_CompletesWithTheGatewaysId()
    {
        var outcomes = new SendOutcomes();
        var waiting = outcomes.WaitAsync("turn:1:bubble:0");

        outcomes.Report("turn:1:bubble:0", new SendOutcome("conv_1", "msg_1", Error: null));

        Assert.Equal("msg_1", (await waiting).MessageId);
    }

    [Fact]
    public async Task WaitAsync_AnswerRedeliveredBeforeTheRetry_CompletesAtOnce()
    {
        var outcomes = new SendOutcomes();
        outcomes.Report("turn:1:bubble:0", new SendOutcome("conv_1", "msg_1", Error: null));

        var waiting = outcomes.WaitAsync("turn:1:bubble:0");

        Assert.True(waiting.IsCompleted);
        Assert.Equal("msg_1", (await waiting).MessageId);
    }

    [Fact]
    public async Task Report_HeldThenSent_AnswersTheWaiterAtTheHoldAndALaterAskWithTheSend()
    {
        var outcomes = new SendOutcomes();
        var waiting = outcomes.WaitAsync("c-1");

        outcomes.Report("c-1", new SendOutcome("conv_1", "msg_1", Error: null, HeldReason: "unanswered_limit"));
        outcomes.StopWaiting("c-1");
        outcomes.Report("c-1", new SendOutcome("conv_1", "msg_1", Error: null));
        outcomes.Report("c-1", new SendOutcome("conv_1", "msg_1", Error: null, HeldReason: "unanswered_limit"));

        Assert.Equal("unanswered_limit", (await waiting).HeldReason);
        Assert.True((await outcomes.WaitAsync("c-1")).IsFinal);
    }

    [Fact]
    public void Report_MoreThanRemembered_ForgetsTheOldest()
    {
        var outcomes = new SendOutcomes();

        for (var index = 0; index <= SendOutcomes.Remembered; index++)
        {
            outcomes.Report($"key-{index}", new SendOutcome("conv_1", $"msg_{index}", Error: null));
        }

        Assert.False(outcomes.IsKnown("key-0"));
        Assert.True(outcomes.IsKnown($"key-{SendOutcomes.Remembered}"));
    }
}
