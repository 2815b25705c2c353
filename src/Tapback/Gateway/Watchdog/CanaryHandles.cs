using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Watchdog;

/// <summary>
/// The handles the watchdog's canaries go to. They are the operator's own, and the gateway's
/// business: the router sends nothing from them to an agent (not a reply, not a delivery report of
/// a canary), so a canary never reaches an agent whoever is paired with or allowed that handle.
/// </summary>
internal sealed class CanaryHandles(IOptionsMonitor<WatchdogOptions> options)
{
    public bool IsCanary(string transport, string handle)
    {
        var canary = options.Get(transport).Canary;
        return canary.Configured && string.Equals(canary.Handle, handle, StringComparison.Ordinal);
    }
}
