namespace Tapback.Gateway.Watchdog;

/// <summary>The <c>transport_health.state</c> values: what the watchdog last announced.</summary>
internal static class TransportHealthStates
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
}
