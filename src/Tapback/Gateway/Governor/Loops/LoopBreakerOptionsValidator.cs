using Tapback.Configuration;

namespace Tapback.Gateway.Governor.Loops;

/// <summary>Checks <c>Tapback:Governor:LoopBreaker</c> at start; every failure names its key.</summary>
internal sealed class LoopBreakerOptionsValidator() : SectionValidator<LoopBreakerOptions>(LoopBreakerOptions.SectionName)
{
    public const int MaxRecentReplies = 200;

    protected override void Check(LoopBreakerOptions options, SectionFailures failures)
    {
        failures.Positive(options.FastReplyWithin, nameof(options.FastReplyWithin));
        failures.Require(options.FastReplyWithin <= TimeSpan.FromMinutes(1), nameof(options.FastReplyWithin), "must be at most 00:01:00: people answer within a minute too.");

        // One or two quick answers in a row are ordinary for a person; a breaker that trips on them pauses people.
        failures.Require(options.FastReplyRounds is >= 3 and <= 1000, nameof(options.FastReplyRounds), "must be between 3 and 1000.");
        failures.Require(options.RecentReplies is >= 2 and <= MaxRecentReplies, nameof(options.RecentReplies), $"must be between 2 and {MaxRecentReplies}.");
        failures.Require(options.RepeatedTextCount >= 2 && options.RepeatedTextCount <= options.RecentReplies, nameof(options.RepeatedTextCount), "must be at least 2 and at most RecentReplies.");
        failures.Require(options.EchoCount >= 1 && options.EchoCount <= options.RecentReplies, nameof(options.EchoCount), "must be at least 1 and at most RecentReplies.");
        failures.Require(options.MinTextLength is >= 0 and <= 1000, nameof(options.MinTextLength), "must be between 0 and 1000 characters.");
    }
}
