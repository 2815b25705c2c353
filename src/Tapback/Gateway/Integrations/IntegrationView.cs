namespace Tapback.Gateway.Integrations;

/// <summary>An integration as the admin API shows it.</summary>
internal sealed record IntegrationView
{
    public required string Id { get; init; }
    public required string Phone { get; init; }
    public required string Name { get; init; }
    public required string Transport { get; init; }

    /// <summary><c>connected</c>, <c>disconnected</c> or <c>paused</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Events waiting for the agent.</summary>
    public required long QueuedEvents { get; init; }

    /// <summary>Events that fell off the bounded queue while the agent was away.</summary>
    public required long DroppedEvents { get; init; }

    public DateTimeOffset? LastDroppedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required IntegrationSettings Settings { get; init; }

    /// <summary>Who answers the phone: <c>own</c> (its WebSocket and webhooks) or <c>builtin</c>.</summary>
    public required string Agent { get; init; }

    /// <summary><c>builtin</c>, <c>websocket</c>, <c>webhooks</c>, or <c>none</c> while it waits for its agent (<see cref="IntegrationAgents.ReachedBy"/>).</summary>
    public required string ReachedBy { get; init; }

    /// <summary>When an agent WebSocket last said <c>ready</c>.</summary>
    public DateTimeOffset? LastConnectedAt { get; init; }
}
