using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Agent.Tools;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;

namespace Tapback.Agent.Settings;

/// <summary>
/// One place that decides the agent's settings for a conversation: <c>Tapback:Agent</c>, overridden by
/// the operator's settings of the integration the conversation arrived through (when this agent serves
/// one, e.g. against a remote gateway).
/// </summary>
internal sealed class AgentSettingsResolver(
    IOptions<AgentOptions> agent,
    IOptionsMonitor<AgentToolsOptions> tools,
    ServedIntegrationSettings served)
{
    public ConversationAgentSettings For(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var defaults = agent.Value;
        var overrides = served.For(conversation.Transport);
        return new ConversationAgentSettings
        {
            BotName = string.IsNullOrWhiteSpace(overrides.BotName) ? defaults.BotName : overrides.BotName,
            ShowToolCalls = overrides.ShowToolCalls ?? tools.CurrentValue.ShowToolCalls,
            SessionTimeout = overrides.SessionTimeout ?? defaults.SessionTimeout,
            ModelId = string.IsNullOrWhiteSpace(overrides.Model) ? null : overrides.Model,
            ReasoningEffort = Enum.TryParse<ReasoningEffort>(overrides.Effort, ignoreCase: true, out var effort) ? effort : defaults.ReasoningEffort,
        };
    }
}
