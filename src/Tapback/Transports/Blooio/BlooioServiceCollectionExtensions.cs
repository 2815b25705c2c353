using Tapback.Transports.Hosted;

namespace Tapback.Transports.Blooio;

internal static class BlooioServiceCollectionExtensions
{
    public static string HttpClientName(string name) => $"Tapback.Transports.Blooio.{name}";

    /// <summary>Registers one Blooio instance: its transport, its webhook receiver and its catch-up at start.</summary>
    public static void AddBlooioTransport(IServiceCollection services, string name, IConfigurationSection section)
    {
        var options = TransportOptions.Add(services, name, section, new BlooioOptionsValidator(name));

        HostedTransportRegistration.Add<BlooioTransport, BlooioInbound, BlooioWebhookReceiver>(
            services,
            name,
            options,
            HttpClientName(name),
            options.CatchUp ? (provider, transport, inbound) => ActivatorUtilities.CreateInstance<BlooioCatchUp>(provider, transport, inbound) : null);
    }
}
