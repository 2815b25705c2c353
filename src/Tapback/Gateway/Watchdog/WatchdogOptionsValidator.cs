using Tapback.Configuration;
using Tapback.Messaging.Handles;

namespace Tapback.Gateway.Watchdog;

/// <summary>
/// Checks the watchdog settings at start: <c>Tapback:Watchdog</c> (the default options) or one
/// transport's, whose values are <c>Tapback:Watchdog</c>'s overridden by <c>Tapback:Transports:&lt;name&gt;:Watchdog</c>;
/// every failure names the key.
/// </summary>
internal sealed class WatchdogOptionsValidator(string section, string optionsName, string? defaultRegion, IConfiguration? own)
    : SectionValidator<WatchdogOptions>(section, optionsName)
{
    /// <summary>The global section's check (the default options); a canary is refused there.</summary>
    public static WatchdogOptionsValidator Global() => new(WatchdogOptions.SectionName, Microsoft.Extensions.Options.Options.DefaultName, defaultRegion: null, own: null);

    /// <summary>
    /// One transport's check. A value it inherits from <c>Tapback:Watchdog</c> is that section's to
    /// report (once, under its own key), so only the keys the transport's section sets are checked here.
    /// </summary>
    public static WatchdogOptionsValidator ForTransport(string name, string? defaultRegion, IConfiguration own) =>
        new(WatchdogOptions.TransportSection(name), name, defaultRegion, own);

    protected override void Check(WatchdogOptions options, SectionFailures failures)
    {
        if (Own(nameof(options.CheckInterval)))
        {
            failures.Positive(options.CheckInterval, nameof(options.CheckInterval));
        }

        failures.Require(!Own(nameof(options.DegradedAfter)) || options.DegradedAfter >= TimeSpan.Zero, nameof(options.DegradedAfter), "must not be negative (0 degrades at the first check that sees a stall).");
        failures.Require(!Own(nameof(options.RecoveredAfter)) || options.RecoveredAfter >= TimeSpan.Zero, nameof(options.RecoveredAfter), "must not be negative (0 recovers at the first check that sees the bridge well).");
        if (Own(nameof(options.StuckSendAfter)))
        {
            failures.Positive(options.StuckSendAfter, nameof(options.StuckSendAfter));
        }

        var canary = options.Canary;
        if (defaultRegion is null)
        {
            // A handle is reached through one transport: the canary is set in the transport's own section.
            const string OneTransport = "belongs to one transport: set Tapback:Transports:<name>:Watchdog:Canary:Handle and Canary:Every instead.";
            failures.Require(canary.Handle is null, "Canary:Handle", OneTransport);
            failures.Require(canary.Every is null, "Canary:Every", OneTransport);
            return;
        }

        failures.Require(canary.Handle is null || HandleNormalizer.TryNormalize(canary.Handle, out _, defaultRegion), "Canary:Handle", "must be a phone number or an email address on iMessage that the operator owns.");
        var handleSet = canary.Handle is not null && Own("Canary:Handle");
        var everySet = canary.Every is not null && Own("Canary:Every");
        failures.Require(
            handleSet == everySet,
            handleSet ? "Canary:Handle" : "Canary:Every",
            $"is set without {(handleSet ? "Canary:Every" : "Canary:Handle")}: a canary needs both, the handle the operator owns and how often to send it one (e.g. 01:00:00).");
        failures.Require(canary.Every is null || canary.Every >= TimeSpan.FromMinutes(1), "Canary:Every", "must be at least one minute, e.g. 01:00:00 (each canary is a real message on the number's pace).");
        failures.Positive(canary.Within, "Canary:Within");
        failures.Require(canary.Every is null || canary.Within <= canary.Every, "Canary:Within", "must not be longer than Canary:Every: one canary is judged before the next is sent.");
    }

    private bool Own(string key) => own is null || own[key] is not null;
}
