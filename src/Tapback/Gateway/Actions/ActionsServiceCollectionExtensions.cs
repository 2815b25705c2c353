using Tapback.Configuration;
using Tapback.Gateway.Integrations;

namespace Tapback.Gateway.Actions;

internal static class ActionsServiceCollectionExtensions
{
    /// <summary>The action core every agent surface calls, its limits (<c>Tapback:Actions</c>) and the sweep of old keys.</summary>
    public static IServiceCollection AddAgentActions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ActionOptions, ActionOptionsValidator>(configuration.GetSection(ActionOptions.SectionName))
            .PostConfigure(options =>
            {
                if (configuration[$"{ActionOptions.SectionName}:{nameof(ActionOptions.MaxBodyLength)}"] is null
                    && configuration.GetValue<int?>(ActionOptions.MaxBodyLengthAlias) is { } alias)
                {
                    options.MaxBodyLength = alias;
                }
            });
        services.AddSingleton<ChatAccess>();
        services.AddSingleton<ActionKeys>();
        services.AddSingleton<IIntegrationCleanup, ActionKeyCleanup>();
        services.AddHostedService<ActionKeySweeper>();
        services.AddSingleton<SendLimits>();
        services.AddSingleton<SendSchedule>();
        services.AddSingleton<SendFiles>();
        services.AddSingleton<HandleLookups>();
        services.AddSingleton<AgentActions>();
        return services;
    }
}
