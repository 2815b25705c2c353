namespace Tapback.Gateway.Nodes;

internal static class NodeServiceCollectionExtensions
{
    /// <summary>Call before any leased worker is registered: the node must be known before they claim.</summary>
    public static IServiceCollection AddTapbackNodes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NodeOptions>()
            .Bind(configuration.GetSection(NodeOptions.SectionName))
            .Validate(options => options.HeartbeatInterval > TimeSpan.Zero, $"{NodeOptions.SectionName}:HeartbeatInterval must be positive.")
            .Validate(
                options => options.StaleAfter >= 3 * options.HeartbeatInterval,
                $"{NodeOptions.SectionName}:StaleAfter must be at least three HeartbeatIntervals, so one slow beat does not make a live node look dead.")
            .ValidateOnStart();
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<NodeRegistry>();
        services.AddHostedService<NodeHeartbeat>();
        return services;
    }
}
