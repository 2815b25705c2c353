using Microsoft.Extensions.Options;
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
    /// Each kind of transport registers one named instance from its configuration section, as keyed
    /// services the container builds. A new kind adds one line here; its options are validated at
    /// start, naming the setting to fix.
    /// </summary>
    private static readonly Dictionary<string, Action<IServiceCollection, string, IConfigurationSection>> Kinds =
        new(StringComparer.OrdinalIgnoreCase)
        {
            [SimulatorTransport.KindName] = SimulatorServiceCollectionExtensions.AddSimulatorTransport,
            [BlueBubblesTransport.KindName] = BlueBubblesServiceCollectionExtensions.AddBlueBubblesTransport,
            [MacMessagesTransport.KindName] = MacMessagesServiceCollectionExtensions.AddMacMessagesTransport,
            [BlooioTransport.KindName] = BlooioServiceCollectionExtensions.AddBlooioTransport,
            [SendblueTransport.KindName] = SendblueServiceCollectionExtensions.AddSendblueTransport,
        };

    /// <summary>
    /// Registers each named instance under <c>Tapback:Transports</c> by its <c>Kind</c>; with none
    /// configured, one simulator named <c>simulator</c>, the embedded default. A missing or unknown
    /// kind registers nothing and fails the start's validation, with every other bad setting.
    /// </summary>
    public static IServiceCollection AddTapbackTransports(this IServiceCollection services, IConfiguration configuration)
    {
        var sections = configuration.GetSection(SectionName).GetChildren().ToList();
        if (sections.Count == 0)
        {
            SimulatorServiceCollectionExtensions.AddSimulatorTransport(services, "simulator", configuration.GetSection(TransportOptions.Section("simulator")));
        }

        var failures = new List<string>();
        foreach (var section in sections)
        {
            var kind = section["Kind"];
            if (kind is not null && Kinds.TryGetValue(kind, out var register))
            {
                register(services, section.Key, section);
                continue;
            }

            var supported = string.Join(", ", Kinds.Keys);
            failures.Add(string.IsNullOrWhiteSpace(kind)
                ? $"{SectionName}:{section.Key}:Kind must be set to the kind of transport (supported: {supported})."
                : $"{SectionName}:{section.Key}:Kind is '{kind}', which this build does not know (supported: {supported}).");
        }

        services.AddSingleton<IValidateOptions<TransportKindsValidator.Kinds>>(new TransportKindsValidator(failures));
        services.AddOptions<TransportKindsValidator.Kinds>().ValidateOnStart();
        services.AddSingleton<TransportRegistry>();
        services.AddSingleton<SimulatorRegistry>();
        services.AddSingleton<PhoneEventHub>();
        services.AddSingleton<PhoneLog>();
        services.AddSingleton<SimulatedPhones>();
        return services;
    }
}
