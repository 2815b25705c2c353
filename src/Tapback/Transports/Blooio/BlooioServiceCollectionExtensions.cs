using Microsoft.Extensions.DependencyInjection.Extensions;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Inbox;
using Tapback.Gateway.Transports;
using Tapback.Messaging;
using Tapback.Messaging.Handles;
using Tapback.Storage;
using Tapback.Transports.Hosted;

namespace Tapback.Transports.Blooio;

internal static class BlooioServiceCollectionExtensions
{
    public static string HttpClientName(string name) => $"Tapback.Transports.Blooio.{name}";

    /// <summary>Registers one Blooio instance: its transport, its webhook receiver and its catch-up at start.</summary>
    public static void AddBlooioTransport(IServiceCollection services, string name, IConfigurationSection section)
    {
        var options = new BlooioOptions();
        section.Bind(options);
        Validate(name, options);

        // No retry handler: the outbox retries, keyed, on its own clock; a second layer would repeat sends.
        services.AddHttpClient(HttpClientName(name), client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<ProviderMessageIds>();
        services.TryAddSingleton<TransportCursor>();
        services.TryAddSingleton<StatusReports>();
        services.AddSingleton(provider => new BlooioInstance(
            new BlooioTransport(
                name,
                options,
                provider.GetRequiredService<IHttpClientFactory>(),
                provider.GetRequiredService<ProviderMessageIds>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<BlooioTransport>>()),
            // Built on first use: the inbox depends (through routing) on the transports, so building it
            // with the transport would resolve in a circle.
            new Lazy<BlooioInbound>(() => new BlooioInbound(
                name,
                options,
                provider.GetRequiredService<Inbox>(),
                provider.GetRequiredService<AttachmentDownloader>(),
                provider.GetRequiredService<ProviderMessageIds>(),
                provider.GetRequiredService<StatusReports>(),
                provider.GetRequiredService<TransportCursor>(),
                provider.GetRequiredService<ILogger<BlooioInbound>>()))));
        services.AddSingleton<IMessageTransport>(provider => Instance(provider, name).Transport);
        services.AddSingleton<ITransportWebhookReceiver>(provider => new BlooioWebhookReceiver(
            name,
            options,
            Instance(provider, name).Inbound.Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<BlooioWebhookReceiver>>()));
        if (options.CatchUp)
        {
            services.AddSingleton<IHostedService>(provider => new BlooioCatchUp(
                Instance(provider, name).Transport,
                Instance(provider, name).Inbound,
                provider.GetRequiredService<TransportCursor>(),
                provider.GetRequiredService<Database>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<BlooioCatchUp>>()));
        }
    }

    private static BlooioInstance Instance(IServiceProvider provider, string name) =>
        provider.GetServices<BlooioInstance>().Single(instance => instance.Transport.Name == name);

    private static void Validate(string name, BlooioOptions options)
    {
        var prefix = $"{TransportsServiceCollectionExtensions.SectionName}:{name}";
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new InvalidOperationException($"Set {prefix}:ApiKey to your Blooio API key (Blooio dashboard → API keys).");
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSecret))
        {
            throw new InvalidOperationException(
                $"Set {prefix}:WebhookSecret to the signing_secret Blooio returned when you created the webhook for /webhooks/{name}; Tapback refuses unsigned webhooks.");
        }

        if (!options.BaseUrl.IsAbsoluteUri || (options.BaseUrl.Scheme != Uri.UriSchemeHttps && options.BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{prefix}:BaseUrl must be an absolute http(s) URL, like {BlooioOptions.DefaultBaseUrl}.");
        }

        if (options.Numbers.Any(number => !HandleNormalizer.TryNormalize(number, out _)))
        {
            throw new InvalidOperationException($"Each of {prefix}:Numbers must be a phone number in E.164, like +15551234567.");
        }

        if (options.SignatureTolerance <= TimeSpan.Zero || options.RequestTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{prefix}:SignatureTolerance and {prefix}:RequestTimeout must be positive.");
        }
    }
}
