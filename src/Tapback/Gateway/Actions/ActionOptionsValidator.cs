using Tapback.Configuration;

namespace Tapback.Gateway.Actions;

/// <summary>Checks <c>Tapback:Actions</c> at start.</summary>
internal sealed class ActionOptionsValidator() : SectionValidator<ActionOptions>(ActionOptions.SectionName)
{
    /// <summary>Shorter than a day, a client retrying after an outage could send twice.</summary>
    private static readonly TimeSpan ShortestRetention = TimeSpan.FromDays(1);

    protected override void Check(ActionOptions options, SectionFailures failures)
    {
        failures.Require(options.KeyRetention >= ShortestRetention, nameof(options.KeyRetention), "must be at least 1.00:00:00 (a day), so a retry after an outage is still recognised.");
        failures.Require(options.MaxScheduleAhead > TimeSpan.Zero, nameof(options.MaxScheduleAhead), "must be positive (e.g. 14.00:00:00), the furthest ahead a send may be scheduled.");
    }
}
