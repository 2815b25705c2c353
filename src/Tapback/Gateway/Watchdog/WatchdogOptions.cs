namespace Tapback.Gateway.Watchdog;

/// <summary>
/// The bridge watchdog's settings: <c>Tapback:Watchdog</c> for every watched transport, overridden key
/// by key under <c>Tapback:Transports:&lt;name&gt;:Watchdog</c>, where the canary is set (a handle
/// belongs to one transport). Bound as the named options of each transport instance.
/// </summary>
internal sealed class WatchdogOptions
{
    public const string SectionName = "Tapback:Watchdog";

    /// <summary>The part of a transport's own section: <c>Tapback:Transports:&lt;name&gt;:Watchdog</c>.</summary>
    public const string TransportKey = "Watchdog";

    /// <summary>A transport's own watchdog section (the gateway names it without depending on Transports/).</summary>
    public static string TransportSection(string transport) => $"Tapback:Transports:{transport}:{TransportKey}";

    /// <summary>Whether the transport is watched at all (only bridges, <see cref="Messaging.IBridgeHealthProbe"/>, are).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the bridge is looked at.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stall must last, check after check, before the transport is degraded (no flapping on one bad answer).</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a degraded transport must look well, check after check, before it is recovered.</summary>
    public TimeSpan RecoveredAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A send in flight or being reconciled for this long (since its last attempt) counts as stuck.</summary>
    public TimeSpan StuckSendAfter { get; set; } = TimeSpan.FromMinutes(5);

    public CanaryOptions Canary { get; } = new();
}
