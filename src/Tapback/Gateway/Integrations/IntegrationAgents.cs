namespace Tapback.Gateway.Integrations;

/// <summary>
/// Who answers an integration's phone (<c>integrations.agent</c>), and how its events reach that agent.
/// Only the built-in agent is a choice: an integration's own agent is reached by whatever it set up,
/// its WebSocket and its webhooks, so adding a webhook or connecting a socket needs no second step.
/// </summary>
internal static class IntegrationAgents
{
    /// <summary>The integration's own agent: its WebSocket, its webhooks (the default, and every integration before 0023).</summary>
    public const string Own = "own";

    /// <summary>The built-in agent answers the phone, with the integration's settings.</summary>
    public const string BuiltIn = "builtin";

    /// <summary>The <c>reachedBy</c> values: how the integration's events reach its agent right now.</summary>
    public const string ByBuiltIn = "builtin";
    public const string ByWebSocket = "websocket";
    public const string ByWebhooks = "webhooks";

    /// <summary>Nothing reaches an agent yet: events queue for a WebSocket that has not come.</summary>
    public const string ByNone = "none";

    public static bool IsKnown(string? agent) => agent is Own or BuiltIn;

    /// <summary>The refusal of an unknown <c>agent</c> value, for every surface that takes one.</summary>
    public static string Unknown(string agent) =>
        $"'{agent}' is not an agent; use \"builtin\" (the built-in agent answers, with this integration's settings) or \"own\" (its WebSocket and webhooks).";

    /// <summary>
    /// How events reach the agent now: the built-in agent; a WebSocket connected to this node; the
    /// webhooks; or <see cref="ByNone"/>, waiting for its agent.
    /// </summary>
    public static string ReachedBy(Integration integration, bool socketConnected, bool hasWebhooks) =>
        integration.Agent == BuiltIn ? ByBuiltIn
        : socketConnected ? ByWebSocket
        : hasWebhooks ? ByWebhooks
        : ByNone;
}
