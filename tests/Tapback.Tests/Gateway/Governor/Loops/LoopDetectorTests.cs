using Tapback.Gateway.Governor.Loops;

namespace Tapback.Tests.Gateway.Governor.Loops;

/// <summary>
/// The detector alone, on scripted exchanges: the agent's messages (when each was sent) and the other
/// side's replies (when each was stored), in ms. A bot trips it the moment its evidence is complete; a
/// person texting fast never does.
/// </summary>
public sealed class LoopDetectorTests
{
    private static readonly LoopBreakerOptions Defaults = new();

    [Fact]
    public void Detect_TenRepliesEachWithinTwoSeconds_TripsOnTheTenthAsFastReplies()
    {
        var script = new Exchange();
        for (var round = 1; round <= 9; round++)
        {
            script.Agent($"Question {round}?", after: 3_000).Reply($"Answer number {round}", after: 400 + (round * 50));
            Assert.Null(script.Detect());
        }

        script.Agent("Question 10?", after: 3_000).Reply("Answer number 10", after: 900);
        var evidence = script.Detect();

        Assert.NotNull(evidence);
        Assert.Equal(EvidenceKinds.FastReplies, evidence.Kind);
        Assert.Equal(10, evidence.Rounds);
        Assert.Equal(10, evidence.ReplyTimesMs.Count);
        Assert.Equal(900, evidence.ReplyTimesMs[^1]);
        Assert.Contains("last 10 messages within 2.0 s", evidence.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Answer", evidence.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_OneSlowReplyAmongFastOnes_StartsTheStreakOver()
    {
        var script = new Exchange();
        for (var round = 1; round <= 15; round++)
        {
            // The sixth reply took 2.5 s: fast ones before it do not count with those after it.
            script.Agent($"Q{round}", after: 3_000).Reply($"Reply {round} here", after: round == 6 ? 2_500 : 500);
            Assert.Null(script.Detect());
        }

        script.Agent("Q16", after: 3_000).Reply("Reply 16 here", after: 500);
        Assert.Equal(10, script.Detect()?.Rounds);
    }

    [Fact]
    public void Detect_AFastHumanOverThreeHundredRounds_NeverTrips()
    {
        // Varied texts, answers 1–8 s after the agent's message, a good share of them under 2 s, and
        // sometimes two messages in a row: a person typing fast, which must never pause their agent.
        var random = new Random(2026);
        var script = new Exchange();
        string[] words = ["sure", "what about tomorrow", "lol no", "can you check the 3pm one", "ok and then?", "wait", "which one", "thanks!", "yes please", "hmm"];
        var tripped = new List<int>();
        for (var round = 1; round <= 300; round++)
        {
            script.Agent($"Agent line {round}", after: 2_000 + random.Next(6_000));
            script.Reply($"{words[random.Next(words.Length)]} {round}", after: 1_000 + random.Next(7_000));
            if (random.Next(6) == 0)
            {
                script.Reply(words[random.Next(words.Length)], after: 300 + random.Next(1_500));
            }

            if (script.Detect() is not null)
            {
                tripped.Add(round);
            }
        }

        Assert.Empty(tripped);
    }

    [Fact]
    public void Detect_TheSameReplyFiveTimes_TripsAsRepeatedText()
    {
        var script = new Exchange();
        for (var round = 1; round <= 4; round++)
        {
            script.Agent($"Could you tell me more about {round}?", after: 5_000).Reply("Sorry, I didn't get that.", after: 3_000);
            Assert.Null(script.Detect());
        }

        // Case, spacing and punctuation do not make it another reply.
        script.Agent("Could you tell me more?", after: 5_000).Reply("sorry  I didnt get that", after: 3_000);
        var evidence = script.Detect();

        Assert.NotNull(evidence);
        Assert.Equal(EvidenceKinds.RepeatedText, evidence.Kind);
        Assert.False(evidence.Echo);
        Assert.Equal(5, evidence.Rounds);
        Assert.Equal("sorry  I didnt get that", evidence.Sample);
        Assert.DoesNotContain("sorry", evidence.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Detect_ShortRepliesAgainAndAgain_AreNotRepeats()
    {
        var script = new Exchange();
        for (var round = 1; round <= 20; round++)
        {
            script.Agent($"Here is step {round} of the recipe.", after: 5_000).Reply(round % 2 == 0 ? "ok" : "thanks!", after: 4_000);
            Assert.Null(script.Detect());
        }
    }

    [Fact]
    public void Detect_TheAgentsOwnMessageBackThreeTimes_TripsAsAnEcho()
    {
        var script = new Exchange();
        script.Agent("Hello! How can I help you today?", after: 1_000).Reply("Hello! How can I help you today?", after: 4_000);
        Assert.Null(script.Detect());
        script.Agent("I'm here whenever you need me.", after: 4_000).Reply("I'm here whenever you need me.", after: 4_000);
        Assert.Null(script.Detect());
        script.Agent("Is there something on your mind?", after: 4_000).Reply("Is there something on your mind?", after: 4_000);
        var evidence = script.Detect();

        Assert.NotNull(evidence);
        Assert.Equal(EvidenceKinds.RepeatedText, evidence.Kind);
        Assert.True(evidence.Echo);
        Assert.Equal(3, evidence.Rounds);
    }

    [Fact]
    public void Detect_ASecondMessageInARow_AnswersNothingAndTripsNothing()
    {
        var script = new Exchange();
        for (var round = 1; round <= 9; round++)
        {
            script.Agent($"Q{round}", after: 3_000).Reply($"Fast reply {round}", after: 500);
        }

        // Nothing of the agent's came since the last reply: no tenth round.
        script.Reply("and another thing", after: 500);
        Assert.Null(script.Detect());
    }

    [Fact]
    public void Detect_ASendInTheSameMillisecondAsAReply_IsItsAnswerNotWhatItAnswered()
    {
        // The gateway answers /setup with a code in the same instant it stored it: that is no 0 ms reply.
        var script = new Exchange();
        script.Reply("/setup", after: 0).Agent("Your code is 123456", after: 0);
        Assert.Null(script.Detect());
        for (var round = 1; round <= 9; round++)
        {
            script.Agent($"Q{round}", after: 5_000).Reply($"Fast reply {round}", after: 500);
            Assert.Null(script.Detect());
        }
    }

    [Fact]
    public void Detect_OnlyTheOtherSideSpeaking_TripsNothing()
    {
        var script = new Exchange();
        for (var round = 1; round <= 30; round++)
        {
            script.Reply("Sorry, I didn't get that.", after: 500);
            Assert.Null(script.Detect());
        }
    }

    /// <summary>A scripted exchange on a clock of its own.</summary>
    private sealed class Exchange
    {
        private readonly List<ExchangedMessage> _sends = [];
        private readonly List<ExchangedMessage> _replies = [];
        private long _now = 1_000_000;

        public Exchange Agent(string text, long after)
        {
            _now += after;
            _sends.Add(new ExchangedMessage(_now, text));
            return this;
        }

        public Exchange Reply(string text, long after)
        {
            _now += after;
            _replies.Add(new ExchangedMessage(_now, text));
            return this;
        }

        public LoopEvidence? Detect() => LoopDetector.Detect(
            _replies.TakeLast(Math.Max(Defaults.FastReplyRounds, Defaults.RecentReplies) + 1).ToList(), _sends, Defaults);
    }
}
