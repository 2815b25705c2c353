using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tapback.Agent.Models;

internal static class ChatModelServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ChatModelFactory"/> and the HTTP clients it uses.</summary>
    public static IServiceCollection AddChatModels(this IServiceCollection services)
    {
        // The SDK clients hold their HttpClient for the life of the process, so the factory's handler
        // rotation would never reach them; a handler that recycles its own connections keeps DNS fresh.
        // Both SDKs retry (429, 5xx) themselves: a resilience handler here would retry twice over.
        // No request logging: its two handlers cost every model call a scope and two layers (issue 23)
        // and log nothing at the shipped level (System.Net.Http.HttpClient at Warning, their lines are
        // Information); a failed call is logged and recorded by the turn itself.
        foreach (var name in (string[])[HttpClientNames.Anthropic, HttpClientNames.OpenAI])
        {
            services.AddHttpClient(name)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    AutomaticDecompression = DecompressionMethods.All,
                })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .RemoveAllLoggers();
        }

        services.AddHttpClient(HttpClientNames.OllamaProbe);
        services.TryAddSingleton<ChatModelFactory>();
        return services;
    }
}
