using Tapback.Agent.Media;
using Tapback.Agent.Memory;
using Tapback.Agent.Models;
using Tapback.Agent.Sessions;
using Tapback.Agent.Tools;
using Tapback.Agent.Turns;

namespace Tapback.Agent;

internal static class AgentServiceCollectionExtensions
{
    public static IServiceCollection AddTapbackAgent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>()
            .Bind(configuration.GetSection(AgentOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(options => options.BubbleGapMin >= TimeSpan.Zero && options.BubbleGapMax >= options.BubbleGapMin,
                "Tapback:Agent:BubbleGapMin must be zero or more and Tapback:Agent:BubbleGapMax at least as large.")
            .Validate(options => options.ModelTimeout > TimeSpan.Zero, "Tapback:Agent:ModelTimeout must be positive.")
            .ValidateOnStart();
        services.AddChatModels();
        services.AddAgentTools(configuration);
        services.AddAgentMedia(configuration);
        services.AddSingleton<ActiveChatModel>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<PromptBuilder>();
        services.AddSingleton<MessageRenderer>();
        services.AddSingleton<SummaryStore>();
        services.AddSingleton<SessionMemory>();
        services.AddSingleton<Summarizer>();
        services.AddSingleton<AgentErrorLog>();
        services.AddSingleton<Api.SessionHistory>();
        services.AddSingleton<ReplyPlanner>();
        services.AddSingleton<GroupAddressing>();
        services.AddSingleton<Settings.AgentSettingsResolver>();
        services.AddSingleton<TurnRunner>();
        if (configuration.GetValue(AgentOptions.SectionName + ":Enabled", defaultValue: true))
        {
            services.AddHostedService<BuiltInAgentWorker>();
        }

        return services;
    }
}
