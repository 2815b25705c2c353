using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Agent.Tools;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;

namespace Tapback.Agent.Settings;

/// <summary>
/// One place that decides the agent's settings for a conversation: <c>Tapback:Agent</c>, overridden by
/// the operator's settings of the integration the conversation belongs to: one whose phone the operator
/// pointed at the built-in agent (<see cref="Apply"/>, read at each turn's start), or the one this
/// agent serves through a remote gateway.
/// </summary>
internal sealed class AgentSettingsResolver(
    IOptions<AgentOptions> agent,
    IOptionsMonitor<AgentToolsOptions> tools,
    ServedIntegrationSettings served)
{
    // By conversation id: the settings of the integration whose phone it is, as read at its latest turn.
    private readonly ConcurrentDictionary<string, IntegrationSettings> _paired = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes, for a turn about to run, the settings of the integration that pointed this one-to-one chat's
    /// phone at the built-in agent, as the turn's first read found them (<see cref="Turns.TurnStart.PairedSettings"/>):
    /// an operator's change on any node applies from the next turn.
    /// </summary>
    public void Apply(Conversation conversation, IntegrationSettings? paired)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (conversation.IsGroup)
        {
            return;
        }

        if (paired is not null)
        {
            _paired[conversation.Id] = paired;
        }
        else
        {
            _paired.TryRemove(conversation.Id, out _);
        }
    }

    public ConversationAgentSettings For(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var defaults = agent.Value;
        var overrides = _paired.TryGetValue(conversation.Id, out var paired) ? paired : served.For(conversation.Transport);
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
