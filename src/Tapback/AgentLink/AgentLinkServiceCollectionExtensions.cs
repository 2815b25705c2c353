using Tapback.AgentLink.Webhooks;

namespace Tapback.AgentLink;

internal static class AgentLinkServiceCollectionExtensions
{
    public static IServiceCollection AddTapbackAgentLink(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentLinkOptions>()
            .Bind(configuration.GetSection(AgentLinkOptions.SectionName))
            .Validate(options => options.KeepAliveInterval > TimeSpan.Zero && options.KeepAliveTimeout > TimeSpan.Zero,
                $"{AgentLinkOptions.SectionName}:KeepAliveInterval and KeepAliveTimeout must be positive.")
            .Validate(options => options.MaxFrameBytes >= 1024 && options.MaxUploadBytes >= 1,
                $"{AgentLinkOptions.SectionName}:MaxFrameBytes must be at least 1024 and MaxUploadBytes positive.")
            .ValidateOnStart();
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
