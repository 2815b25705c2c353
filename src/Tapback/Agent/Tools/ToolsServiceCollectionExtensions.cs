using Tapback.Agent.Approvals;
using Tapback.Agent.Questions;
using Tapback.Agent.Tools.Mcp;

namespace Tapback.Agent.Tools;

internal static class ToolsServiceCollectionExtensions
{
    /// <summary>The built-in agent's tools, approvals and questions, configured under <c>Tapback:Agent</c>.</summary>
    public static IServiceCollection AddAgentTools(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentToolsOptions>()
            .Bind(configuration.GetSection(AgentToolsOptions.SectionName))
            .Validate(options => options.ApprovalTimeout > TimeSpan.Zero, "Tapback:Agent:ApprovalTimeout must be positive, e.g. 00:10:00.")
            .Validate(options => options.MaxToolRounds is >= 1 and <= 50, "Tapback:Agent:MaxToolRounds must be between 1 and 50.")
            .Validate(
                options => options.McpServers.Values.All(server => (server.Url is null) != string.IsNullOrWhiteSpace(server.Command)),
                "Each Tapback:Agent:McpServers:<name> needs either Url (an HTTP server) or Command (a stdio server), not both.")
            .Validate(
                options => options.McpServers.Values.All(server => server.Url is null || (server.Url.IsAbsoluteUri && server.Url.Scheme is "http" or "https")),
                "Tapback:Agent:McpServers:<name>:Url must be an absolute http or https address.")
            .ValidateOnStart();
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
