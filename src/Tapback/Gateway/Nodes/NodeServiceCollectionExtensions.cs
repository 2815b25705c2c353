using Tapback.Configuration;

namespace Tapback.Gateway.Nodes;

internal static class NodeServiceCollectionExtensions
{
    /// <summary>Call before any leased worker is registered: the node must be known before they claim.</summary>
    public static IServiceCollection AddTapbackNodes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<NodeOptions, NodeOptionsValidator>(configuration.GetSection(NodeOptions.SectionName));
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<NodeRegistry>();
        services.AddHostedService<NodeHeartbeat>();
        return services;
    }
}
