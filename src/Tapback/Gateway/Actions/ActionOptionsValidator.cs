using Tapback.Configuration;

namespace Tapback.Gateway.Actions;

/// <summary>Checks <c>Tapback:Actions</c> at start.</summary>
internal sealed class ActionOptionsValidator() : SectionValidator<ActionOptions>(ActionOptions.SectionName)
{
    /// <summary>Shorter than a day, a client retrying after an outage could send twice.</summary>
    private static readonly TimeSpan ShortestRetention = TimeSpan.FromDays(1);

    /// <summary>Longer than this, a number that moved to or from iMessage would be answered wrongly for too long.</summary>
    private static readonly TimeSpan LongestLookupFreshness = TimeSpan.FromDays(30);

    protected override void Check(ActionOptions options, SectionFailures failures)
    {
        failures.Require(options.KeyRetention >= ShortestRetention, nameof(options.KeyRetention), "must be at least 1.00:00:00 (a day), so a retry after an outage is still recognised.");
        failures.Require(
            options.LookupFreshFor >= TimeSpan.Zero && options.LookupFreshFor <= LongestLookupFreshness,
            nameof(options.LookupFreshFor),
            "must be from 00:00:00 (ask the transport every time) to 30.00:00:00, so a number that left iMessage is noticed.");
        failures.Require(options.MaxScheduleAhead > TimeSpan.Zero, nameof(options.MaxScheduleAhead), "must be positive (e.g. 14.00:00:00), the furthest ahead a send may be scheduled.");
    }
}
