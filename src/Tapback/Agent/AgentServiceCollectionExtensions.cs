using Tapback.Configuration;
using Tapback.Agent.Media;
using Tapback.Agent.Memory;
using Tapback.Agent.Models;
using Tapback.Agent.Sessions;
using Tapback.Agent.Tools;
using Tapback.Agent.Turns;
using Tapback.Gateway.Inbox;
using Tapback.Gateway.Integrations;

namespace Tapback.Agent;

internal static class AgentServiceCollectionExtensions
{
    public static IServiceCollection AddTapbackAgent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AgentOptions, AgentOptionsValidator>(configuration.GetSection(AgentOptions.SectionName));
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
        services.AddSingleton<TypingKeepAlive>();
        services.AddSingleton<TurnContextBuilder>();
        services.AddSingleton<TurnModelCall>();
        services.AddSingleton<TurnOutcomeWriter>();
        services.AddSingleton<TurnRunner>();
        services.AddSingleton<VoiceReplyStep>();
        services.AddAgentCleanups();
        if (configuration.GetValue(AgentOptions.SectionName + ":Enabled", defaultValue: true))
        {
            services.AddHostedService<BuiltInAgentWorker>();
        }

        return services;
    }

    /// <summary>
    /// The agent's tables in the order a history purge must empty them: a row before the row it
    /// points at (questions and approvals before their paused turn, summaries before their session).
    /// </summary>
    private static void AddAgentCleanups(this IServiceCollection services)
    {
        services.AddSingleton<IIntegrationCleanup>(new ConversationRowsCleanup("questions", "approvals", "paused_turns", "summaries", "agent_errors", "sessions"));
        services.AddSingleton<IIntegrationCleanup, Media.Voice.TranscriptCleanup>();
        services.AddSingleton<IWaitingPrompts, PausedTurnWaitingPrompts>();
    }
}
