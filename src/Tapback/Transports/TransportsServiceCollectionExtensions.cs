using Tapback.Gateway.Transports;
using Tapback.Messaging;
using Tapback.Transports.Simulator;

namespace Tapback.Transports;

internal static class TransportsServiceCollectionExtensions
{
    public const string SectionName = "Tapback:Transports";

    /// <summary>
    /// Registers each named instance under <c>Tapback:Transports</c> by its <c>Kind</c>; with none
    /// configured, one simulator named <c>simulator</c>, the embedded default.
    /// </summary>
    public static IServiceCollection AddTapbackTransports(this IServiceCollection services, IConfiguration configuration)
    {
        var sections = configuration.GetSection(SectionName).GetChildren().ToList();
        if (sections.Count == 0)
        {
            AddSimulator(services, "simulator", new SimulatorOptions());
        }

        foreach (var section in sections)
        {
            var kind = section["Kind"];
            if (string.Equals(kind, SimulatorTransport.KindName, StringComparison.OrdinalIgnoreCase))
            {
                AddSimulator(services, section.Key, section.Get<SimulatorOptions>() ?? new SimulatorOptions());
            }
            else
            {
                throw new InvalidOperationException(string.IsNullOrWhiteSpace(kind)
                    ? $"Set {SectionName}:{section.Key}:Kind to the kind of transport (supported: {SimulatorTransport.KindName})."
                    : $"{SectionName}:{section.Key}:Kind is '{kind}', which this build does not know (supported: {SimulatorTransport.KindName}).");
            }
        }

        services.AddSingleton<TransportRegistry>();
        services.AddSingleton<SimulatorRegistry>();
        services.AddSingleton<PhoneEventHub>();
        services.AddSingleton<PhoneLog>();
        return services;
    }

    private static void AddSimulator(IServiceCollection services, string name, SimulatorOptions options)
    {
        services.AddSingleton(provider => new SimulatorInstance(new SimulatorTransport(name, provider.GetRequiredService<PhoneLog>()), options));
        services.AddSingleton<IMessageTransport>(provider => provider.GetServices<SimulatorInstance>().Single(instance => instance.Transport.Name == name).Transport);
    }
}
