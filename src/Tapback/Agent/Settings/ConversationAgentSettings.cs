using Microsoft.Extensions.AI;

namespace Tapback.Agent.Settings;

/// <summary>The built-in agent's settings for one conversation: its defaults with any integration overrides applied.</summary>
internal sealed record ConversationAgentSettings
{
    public required string BotName { get; init; }
    public required bool ShowToolCalls { get; init; }
    public TimeSpan? SessionTimeout { get; init; }

    /// <summary>A model id overriding the configured one; null keeps it.</summary>
    public string? ModelId { get; init; }

    public ReasoningEffort? ReasoningEffort { get; init; }
}
