using System.Collections.Concurrent;

namespace Tapback.Gateway.Integrations;

/// <summary>
/// The settings of the integrations this process serves as an agent through a transport (a remote
/// gateway tells them when the agent connects), by transport name. The built-in agent reads them to
/// override its own defaults for those conversations.
/// </summary>
internal sealed class ServedIntegrationSettings
{
    private readonly ConcurrentDictionary<string, IntegrationSettings> _byTransport = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string transport, IntegrationSettings settings) => _byTransport[transport] = settings;

    public IntegrationSettings For(string transport) =>
        _byTransport.TryGetValue(transport, out var settings) ? settings : IntegrationSettings.Default;
}
