using Tapback.Gateway.Transports;
using Tapback.Messaging;
using Tapback.Transports.BlueBubbles;
using Tapback.Transports.MacMessages;
using Tapback.Transports.Blooio;
using Tapback.Transports.Sendblue;
using Tapback.Transports.Simulator;

namespace Tapback.Transports;

internal static class TransportsServiceCollectionExtensions
{
    public const string SectionName = "Tapback:Transports";

    /// <summary>
    /// Each kind of transport registers one named instance from its configuration section. A new
    /// kind adds one line here; its options are validated as it registers, naming the setting to fix.
    /// </summary>
    private static readonly Dictionary<string, Action<IServiceCollection, string, IConfigurationSection>> Kinds =
        new(StringComparer.OrdinalIgnoreCase)
        {
            [SimulatorTransport.KindName] = (services, name, section) => AddSimulator(services, name, section.Get<SimulatorOptions>() ?? new SimulatorOptions()),
            [BlueBubblesTransport.KindName] = BlueBubblesServiceCollectionExtensions.AddBlueBubblesTransport,
            [MacMessagesTransport.KindName] = MacMessagesServiceCollectionExtensions.AddMacMessagesTransport,
            [BlooioTransport.KindName] = BlooioServiceCollectionExtensions.AddBlooioTransport,
            [SendblueTransport.KindName] = SendblueServiceCollectionExtensions.AddSendblueTransport,
        };

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
            if (kind is not null && Kinds.TryGetValue(kind, out var register))
            {
                register(services, section.Key, section);
                continue;
            }

            var supported = string.Join(", ", Kinds.Keys);
            throw new InvalidOperationException(string.IsNullOrWhiteSpace(kind)
                ? $"Set {SectionName}:{section.Key}:Kind to the kind of transport (supported: {supported})."
                : $"{SectionName}:{section.Key}:Kind is '{kind}', which this build does not know (supported: {supported}).");
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
