using Tapback.Messaging;

namespace Tapback.Transports.Simulator;

internal static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// One simulator under <c>Tapback:Transports:&lt;name&gt;</c>: its transport keyed by the instance name
    /// and built by the container, and the instance (transport and settings) the phone page serves.
    /// </summary>
    public static void AddSimulatorTransport(IServiceCollection services, string name, IConfigurationSection section)
    {
        var options = TransportOptions.Add(services, name, section, new SimulatorOptionsValidator(name));
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<SimulatorTransport>(provider, name));
        services.AddSingleton(provider => new SimulatorInstance(provider.GetRequiredKeyedService<SimulatorTransport>(name), options));
        services.AddSingleton<IMessageTransport>(provider => provider.GetRequiredKeyedService<SimulatorTransport>(name));
    }
}
