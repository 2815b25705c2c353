using Microsoft.Extensions.DependencyInjection.Extensions;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Inbox;
using Tapback.Gateway.Transports;
using Tapback.Messaging;

namespace Tapback.Transports.BlueBubbles;

internal static class BlueBubblesServiceCollectionExtensions
{
    /// <summary>
    /// One BlueBubbles server under <c>Tapback:Transports:&lt;name&gt;</c>: its transport, its webhook
    /// receiver and its catch-up loop, each keyed by the instance name.
    /// </summary>
    public static void AddBlueBubblesTransport(IServiceCollection services, string name, IConfigurationSection section)
    {
        var options = TransportOptions.Add(services, name, section, new BlueBubblesOptionsValidator(name));

        // Without a valid BaseUrl the start stops at validation (the host builds its services just before
        // that), so this stand-in is never called; the reserved .invalid name cannot resolve anyway.
        var apiBase = BlueBubblesOptionsValidator.ApiBase(options) ?? new Uri("http://tapback.invalid/api/v1/");

        // No resilience handler: the outbox is the one place that retries, and only after asking
        // whether an earlier attempt went out. No request logging: URLs hold the password and chat
        // guids hold phone numbers.
        services.AddHttpClient(BlueBubblesClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.TryAddSingleton<BlueBubblesStore>();

        // Each part is keyed by the instance name and built by the container from its constructor: the
        // name, settings and this instance's other parts given, everything shared resolved.
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<BlueBubblesClient>(provider, name, apiBase, options));
        services.AddKeyedSingleton(name, (_, _) => new BlueBubblesCatchUpSignal());
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<BlueBubblesFeatures>(
            provider, options, provider.GetRequiredKeyedService<BlueBubblesClient>(name)));
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<BlueBubblesInbound>(
            provider, name, options, provider.GetRequiredKeyedService<BlueBubblesClient>(name)));
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<BlueBubblesTransport>(
            provider, name, options, provider.GetRequiredKeyedService<BlueBubblesClient>(name), provider.GetRequiredKeyedService<BlueBubblesFeatures>(name)));
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<BlueBubblesCatchUpService>(
            provider,
            name,
            options,
            provider.GetRequiredKeyedService<BlueBubblesClient>(name),
            provider.GetRequiredKeyedService<BlueBubblesFeatures>(name),
            provider.GetRequiredKeyedService<BlueBubblesInbound>(name),
            provider.GetRequiredKeyedService<BlueBubblesCatchUpSignal>(name)));

        services.AddSingleton<IMessageTransport>(provider => provider.GetRequiredKeyedService<BlueBubblesTransport>(name));
        services.AddSingleton<IPendingAttachmentSource>(provider => provider.GetRequiredKeyedService<BlueBubblesInbound>(name));
        services.AddSingleton<ITransportWebhookReceiver>(provider => ActivatorUtilities.CreateInstance<BlueBubblesWebhookReceiver>(
            provider, name, options, provider.GetRequiredKeyedService<BlueBubblesInbound>(name), provider.GetRequiredKeyedService<BlueBubblesCatchUpSignal>(name)));

        // Not AddHostedService: it keeps one registration per type, and each instance needs its own loop.
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredKeyedService<BlueBubblesCatchUpService>(name));
    }
}
