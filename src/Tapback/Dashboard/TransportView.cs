using Tapback.Messaging;

namespace Tapback.Dashboard;

/// <summary>A live transport, what it can do, and, for a bridge the watchdog watches, how it is doing.</summary>
internal sealed record TransportView(string Name, string Kind, TransportCapabilities Capabilities)
{
    /// <summary>The watchdog's view of the transport; null when it is not watched (not a bridge, or its watchdog is off).</summary>
    public TransportHealthView? Health { get; init; }
}
