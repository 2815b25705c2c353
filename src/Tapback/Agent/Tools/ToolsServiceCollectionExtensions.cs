using Tapback.Configuration;
using Tapback.Agent.Approvals;
using Tapback.Agent.Questions;
using Tapback.Agent.Tools.Mcp;

namespace Tapback.Agent.Tools;

internal static class ToolsServiceCollectionExtensions
{
    /// <summary>The built-in agent's tools, approvals and questions, configured under <c>Tapback:Agent</c>.</summary>
    public static IServiceCollection AddAgentTools(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AgentToolsOptions, AgentToolsOptionsValidator>(configuration.GetSection(AgentToolsOptions.SectionName));
        services.AddSingleton<BuiltInTools>();
        services.AddSingleton<McpToolSource>();
        services.AddSingleton<AgentToolbox>();
        services.AddSingleton<ToolCallVisibility>();
        services.AddSingleton<PausedTurnStore>();
        services.AddSingleton<ApprovalStore>();
        services.AddSingleton<QuestionStore>();
        services.AddSingleton<PauseResolver>();
        if (configuration.GetValue(AgentOptions.SectionName + ":Enabled", defaultValue: true))
        {
            services.AddHostedService<ApprovalExpiryService>();
        }

        return services;
    }
}
