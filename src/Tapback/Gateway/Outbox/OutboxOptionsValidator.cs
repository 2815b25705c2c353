using Tapback.Configuration;

namespace Tapback.Gateway.Outbox;

/// <summary>Checks <c>Tapback:Outbox</c> at start.</summary>
internal sealed class OutboxOptionsValidator() : SectionValidator<OutboxOptions>(OutboxOptions.SectionName)
{
    protected override void Check(OutboxOptions options, SectionFailures failures)
    {
        failures.Require(options.MaxAttempts >= 1, nameof(options.MaxAttempts), "must be at least 1.");
        failures.Positive(options.FirstRetryDelay, nameof(options.FirstRetryDelay));
        failures.Require(options.MaxRetryDelay >= options.FirstRetryDelay, nameof(options.MaxRetryDelay), "must be at least FirstRetryDelay.");
        failures.Positive(options.Lease, nameof(options.Lease));
    }
}
