using Tapback.Configuration;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Integrations;

namespace Tapback.AgentLink.Webhooks;

internal static class WebhookServiceCollectionExtensions
{
    /// <summary>Registers subscriptions, the delivery worker and its HTTP client.</summary>
    public static IServiceCollection AddTapbackWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(configuration.GetSection(WebhookOptions.SectionName));
        var allowPrivate = configuration.GetValue<bool>($"{WebhookOptions.SectionName}:AllowPrivateUrls");

        // Each attempt is bounded on the injected clock; HttpClient's own 100 s would race it. No
        // redirects: a receiver that moved updates its subscription. Without AllowPrivateUrls the
        // connect step checks the address it connects to, so DNS rebinding cannot reach the inside.
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Tapback-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
                if (!allowPrivate)
                {
                    handler.UseProxy = false;
                    handler.ConnectCallback = GuardedConnect.ConnectAsync;
                }

                return handler;
            });
        services.AddSingleton<IIntegrationCleanup, WebhookCleanup>();
        services.AddSingleton<WebhookUrlPolicy>();
        services.AddSingleton<WebhookSubscriptionStore>();
        services.AddSingleton<WebhookRegistration>();
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<WebhookEventRenderer>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
