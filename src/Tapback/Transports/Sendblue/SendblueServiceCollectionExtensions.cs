using Microsoft.Extensions.DependencyInjection.Extensions;
using Tapback.Messaging.Handles;
using Tapback.Transports.Hosted;

namespace Tapback.Transports.Sendblue;

internal static class SendblueServiceCollectionExtensions
{
    public static string HttpClientName(string name) => $"Tapback.Transports.Sendblue.{name}";

    /// <summary>Registers one Sendblue instance: its transport, its webhook receiver and its catch-up at start.</summary>
    public static void AddSendblueTransport(IServiceCollection services, string name, IConfigurationSection section)
    {
        var options = TransportOptions.Add(services, name, section, new SendblueOptionsValidator(name));

        // Lines are compared in E.164; one that does not normalise stops the start at validation.
        for (var index = 0; index < options.Numbers.Count; index++)
        {
            if (HandleNormalizer.TryNormalize(options.Numbers[index], out var number))
            {
                options.Numbers[index] = number;
            }
        }

        services.TryAddSingleton<SendblueLines>();
        HostedTransportRegistration.Add<SendblueTransport, SendblueInbound, SendblueWebhookReceiver>(
            services,
            name,
            options,
            HttpClientName(name),
            options.CatchUp ? (provider, transport, inbound) => ActivatorUtilities.CreateInstance<SendblueCatchUp>(provider, transport, options, inbound) : null);
    }
}
