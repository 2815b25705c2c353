using Tapback.Gateway.Governor.Loops;

namespace Tapback.Tests.Gateway.Governor.Loops;

public sealed class LoopBreakerOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new LoopBreakerOptionsValidator().Validate(null, new LoopBreakerOptions()).Succeeded);

    [Fact]
    public void Validate_EveryValueOutOfRange_NamesEachKey()
    {
        var result = new LoopBreakerOptionsValidator().Validate(null, new LoopBreakerOptions
        {
            FastReplyWithin = TimeSpan.Zero,
            FastReplyRounds = 1,
            RecentReplies = 1,
            RepeatedTextCount = 1,
            EchoCount = 0,
            MinTextLength = -1,
        });

        Assert.True(result.Failed);
        foreach (var key in new[] { "FastReplyWithin", "FastReplyRounds", "RecentReplies", "RepeatedTextCount", "EchoCount", "MinTextLength" })
        {
            Assert.Contains(result.Failures!, failure => failure.StartsWith($"Tapback:Governor:LoopBreaker:{key} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_RepeatsAboveTheRepliesCompared_Fails()
    {
        var result = new LoopBreakerOptionsValidator().Validate(null, new LoopBreakerOptions { RecentReplies = 4, RepeatedTextCount = 5 });

        Assert.Contains(result.Failures!, failure => failure.StartsWith("Tapback:Governor:LoopBreaker:RepeatedTextCount ", StringComparison.Ordinal));
    }
}
