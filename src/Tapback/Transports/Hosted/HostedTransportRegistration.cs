using Microsoft.Extensions.DependencyInjection.Extensions;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Transports;
using Tapback.Messaging;

namespace Tapback.Transports.Hosted;

/// <summary>
/// Registers one instance of a hosted provider (Blooio, Sendblue) as named plug-ins: its transport and
/// its inbound side are keyed by the instance name and built by the container from their constructors
/// (the name and options given, everything else resolved). The inbound side reaches the inbox, which
/// reaches the transports through routing; as separate services, building a transport never builds an
/// inbox, so no construction cycle needs breaking: the catch-up (a hosted service nothing else
/// resolves) takes both directly.
/// </summary>
internal static class HostedTransportRegistration
{
    public static void Add<TTransport, TInbound, TReceiver>(
        IServiceCollection services,
        string name,
        object options,
        string httpClientName,
        Func<IServiceProvider, TTransport, TInbound, IHostedService>? catchUp)
        where TTransport : class, IMessageTransport
        where TInbound : class, IPendingAttachmentSource
        where TReceiver : class, ITransportWebhookReceiver
    {
        // No retry handler: the outbox decides about every retry, keyed, on its own clock; a second
        // layer would repeat sends.
        services.AddHttpClient(httpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<ProviderMessageIds>();
        services.TryAddSingleton<TransportCursor>();
        services.TryAddSingleton<StatusReports>();
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<TTransport>(provider, name, options));
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<TInbound>(provider, name, options));
        services.AddSingleton<IMessageTransport>(provider => provider.GetRequiredKeyedService<TTransport>(name));
        services.AddSingleton<IPendingAttachmentSource>(provider => provider.GetRequiredKeyedService<TInbound>(name));
        services.AddSingleton<ITransportWebhookReceiver>(provider =>
            ActivatorUtilities.CreateInstance<TReceiver>(provider, name, options, provider.GetRequiredKeyedService<TInbound>(name)));
        if (catchUp is not null)
        {
            services.AddSingleton(provider => catchUp(
                provider,
                provider.GetRequiredKeyedService<TTransport>(name),
                provider.GetRequiredKeyedService<TInbound>(name)));
        }
    }
}
