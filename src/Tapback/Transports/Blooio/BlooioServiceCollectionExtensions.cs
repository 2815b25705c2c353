using Tapback.Messaging.Handles;
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

        HostedTransportRegistration.Add<BlooioTransport, BlooioInbound, BlooioWebhookReceiver>(
            services,
            name,
            options,
            HttpClientName(name),
            options.CatchUp ? (provider, transport, inbound) => ActivatorUtilities.CreateInstance<BlooioCatchUp>(provider, transport, inbound) : null);
    }

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
