namespace Tapback.Client;

/// <summary>The operator's settings of the integration, given in <c>connected</c> when any are set.</summary>
public sealed record IntegrationSettings
{
    /// <summary>The name the agent goes by.</summary>
    public string? BotName { get; init; }

    /// <summary>Whether the agent shows its tool calls.</summary>
    public bool? ShowToolCalls { get; init; }

    /// <summary>Inactivity after which the agent starts a new session.</summary>
    public TimeSpan? SessionTimeout { get; init; }

    /// <summary>A model that overrides the agent's own.</summary>
    public string? Model { get; init; }

    /// <summary>Reasoning effort: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public string? Effort { get; init; }
}
