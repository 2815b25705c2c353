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
        var options = new SendblueOptions();
        section.Bind(options);
        Validate(name, options);

        services.TryAddSingleton<SendblueLines>();
        HostedTransportRegistration.Add<SendblueTransport, SendblueInbound, SendblueWebhookReceiver>(
            services,
            name,
            options,
            HttpClientName(name),
            options.CatchUp ? (provider, transport, inbound) => ActivatorUtilities.CreateInstance<SendblueCatchUp>(provider, transport, options, inbound) : null);
    }

    private static void Validate(string name, SendblueOptions options)
    {
        var prefix = $"{TransportsServiceCollectionExtensions.SectionName}:{name}";
        if (string.IsNullOrWhiteSpace(options.ApiKey) || string.IsNullOrWhiteSpace(options.ApiSecret))
        {
            throw new InvalidOperationException($"Set {prefix}:ApiKey and {prefix}:ApiSecret to your Sendblue API key id and secret key (Sendblue dashboard → API keys).");
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSecret))
        {
            throw new InvalidOperationException(
                $"Set {prefix}:WebhookSecret to the webhook secret configured in Sendblue (sent back as sb-signing-secret); Tapback refuses webhooks without it.");
        }

        if (options.Numbers.Count == 0 || options.Numbers.Any(number => !HandleNormalizer.TryNormalize(number, out _) || HandleNormalizer.IsEmail(HandleNormalizer.Normalize(number))))
        {
            throw new InvalidOperationException($"Set {prefix}:Numbers to your Sendblue line numbers in E.164 ({prefix}:Numbers:0 = +15551234567); Sendblue needs from_number on every send.");
        }

        for (var index = 0; index < options.Numbers.Count; index++)
        {
            options.Numbers[index] = HandleNormalizer.Normalize(options.Numbers[index]);
        }

        if (!options.BaseUrl.IsAbsoluteUri || (options.BaseUrl.Scheme != Uri.UriSchemeHttps && options.BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{prefix}:BaseUrl must be an absolute http(s) URL, like {SendblueOptions.DefaultBaseUrl}.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{prefix}:RequestTimeout must be positive.");
        }
    }
}
