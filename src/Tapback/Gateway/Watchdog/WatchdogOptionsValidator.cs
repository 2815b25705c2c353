using Tapback.Configuration;
using Tapback.Messaging.Handles;

namespace Tapback.Gateway.Watchdog;

/// <summary>
/// Checks the watchdog settings at start: <c>Tapback:Watchdog</c> (the default options) or one
/// transport's, whose values are <c>Tapback:Watchdog</c>'s overridden by <c>Tapback:Transports:&lt;name&gt;:Watchdog</c>;
/// every failure names the key.
/// </summary>
internal sealed class WatchdogOptionsValidator(string section, string optionsName, string? defaultRegion)
    : SectionValidator<WatchdogOptions>(section, optionsName)
{
    /// <summary>The global section's check (the default options); a canary is refused there.</summary>
    public static WatchdogOptionsValidator Global() => new(WatchdogOptions.SectionName, Microsoft.Extensions.Options.Options.DefaultName, defaultRegion: null);

    public static WatchdogOptionsValidator ForTransport(string name, string? defaultRegion) =>
        new(WatchdogOptions.TransportSection(name), name, defaultRegion);

    protected override void Check(WatchdogOptions options, SectionFailures failures)
    {
        failures.Positive(options.CheckInterval, nameof(options.CheckInterval));
        failures.Require(options.DegradedAfter >= TimeSpan.Zero, nameof(options.DegradedAfter), "must not be negative (0 degrades at the first check that sees a stall).");
        failures.Require(options.RecoveredAfter >= TimeSpan.Zero, nameof(options.RecoveredAfter), "must not be negative (0 recovers at the first check that sees the bridge well).");
        failures.Positive(options.StuckSendAfter, nameof(options.StuckSendAfter));
        var canary = options.Canary;
        if (defaultRegion is null)
        {
            failures.Require(
                canary.Handle is null && canary.Every is null,
                "Canary",
                "belongs to one transport: set Tapback:Transports:<name>:Watchdog:Canary:Handle and :Every instead (a handle is reached through one transport).");
            return;
        }

        failures.Require(canary.Handle is null || HandleNormalizer.TryNormalize(canary.Handle, out _, defaultRegion), "Canary:Handle", "must be a phone number or an email address on iMessage that the operator owns.");
        failures.Require(canary.Handle is null == canary.Every is null, canary.Handle is null ? "Canary:Handle" : "Canary:Every", "must be set together with Canary:Handle and Canary:Every (a handle the operator owns, and how often to send it a canary, e.g. 01:00:00).");
        failures.Require(canary.Every is null || canary.Every >= TimeSpan.FromMinutes(1), "Canary:Every", "must be at least one minute, e.g. 01:00:00 (each canary is a real message on the number's pace).");
        failures.Positive(canary.Within, "Canary:Within");
        failures.Require(canary.Every is null || canary.Within <= canary.Every, "Canary:Within", "must not be longer than Canary:Every: one canary is judged before the next is sent.");
    }
}
