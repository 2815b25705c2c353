using Tapback.Configuration;
using Tapback.AgentLink.Webhooks;

namespace Tapback.AgentLink;

internal static class AgentLinkServiceCollectionExtensions
{
    public static IServiceCollection AddTapbackAgentLink(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AgentLinkOptions, AgentLinkOptionsValidator>(configuration.GetSection(AgentLinkOptions.SectionName));
        services.AddSingleton<FileUrls>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<AgentEvents>();
        services.AddTapbackWebhooks(configuration);
        return services;
    }

    /// <summary>Turns on WebSockets and maps the agent WebSocket with its file URLs.</summary>
    public static WebApplication UseTapbackAgentLink(this WebApplication app)
    {
        app.UseWebSockets();
        app.MapAgentLink();
        app.MapWebhooks();
        return app;
    }
}
