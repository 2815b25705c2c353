using Tapback.Messaging;

namespace Tapback.Gateway.Transports;

/// <summary>The configured transports by name. Unknown names are a configuration or wiring error.</summary>
internal sealed class TransportRegistry
{
    private readonly Dictionary<string, IMessageTransport> _byName;

    public TransportRegistry(IEnumerable<IMessageTransport> transports)
    {
        _byName = new Dictionary<string, IMessageTransport>(StringComparer.OrdinalIgnoreCase);
        foreach (var transport in transports)
        {
            if (!_byName.TryAdd(transport.Name, transport))
            {
                throw new InvalidOperationException($"Two transports are named '{transport.Name}'. Give each entry under Tapback:Transports a unique name.");
            }
        }
    }

    public IReadOnlyCollection<IMessageTransport> All => _byName.Values;

    public IMessageTransport Get(string name) =>
        _byName.TryGetValue(name, out var transport)
            ? transport
            : throw new InvalidOperationException($"No transport is named '{name}'. Configured: {string.Join(", ", _byName.Keys)}.");

    public bool TryGet(string name, out IMessageTransport transport) => _byName.TryGetValue(name, out transport!);

    /// <summary>What the named transport can do; nothing at all for a name no longer configured.</summary>
    public TransportCapabilities CapabilitiesOf(string name) =>
        _byName.TryGetValue(name, out var transport) ? transport.Capabilities : new TransportCapabilities();
}
