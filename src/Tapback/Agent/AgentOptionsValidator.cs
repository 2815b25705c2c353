using Tapback.Configuration;

namespace Tapback.Agent;

/// <summary>Checks the built-in agent's <c>Tapback:Agent</c> settings at start.</summary>
internal sealed class AgentOptionsValidator() : SectionValidator<AgentOptions>(AgentOptions.SectionName)
{
    protected override void Check(AgentOptions options, SectionFailures failures)
    {
        failures.Require(options.BubbleGapMin >= TimeSpan.Zero, nameof(options.BubbleGapMin), "must be zero or more.");
        failures.Require(options.BubbleGapMax >= options.BubbleGapMin, nameof(options.BubbleGapMax), "must be at least BubbleGapMin.");
        failures.Positive(options.ModelTimeout, nameof(options.ModelTimeout));
        failures.Require(options.DebounceWindow >= TimeSpan.Zero, nameof(options.DebounceWindow), "must not be negative.");
        failures.Require(
            options.TypingWaitCap >= TimeSpan.Zero && options.TypingWaitCap <= TimeSpan.FromMinutes(5),
            nameof(options.TypingWaitCap),
            "must be between 00:00:00 (answer without waiting for typing) and 00:05:00, e.g. 00:00:15.");
        failures.Require(options.SessionTimeout is null || options.SessionTimeout > TimeSpan.Zero, nameof(options.SessionTimeout), "must be positive when set, e.g. 04:00:00.");
    }
}
