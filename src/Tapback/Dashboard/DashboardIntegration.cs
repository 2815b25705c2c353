using Tapback.AgentLink.Webhooks;
using Tapback.Gateway.Integrations;

namespace Tapback.Dashboard;

/// <summary>An integration as the dashboard lists it: the admin view plus what needs attention.</summary>
internal sealed record DashboardIntegration
{
    public required string Id { get; init; }
    public required string Phone { get; init; }
    public required string Name { get; init; }
    public required string Transport { get; init; }

    /// <summary><c>connected</c>, <c>webhooks</c>, <c>builtin</c>, <c>waiting</c>, <c>paused</c> or <c>error</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the status is <c>error</c>, in a sentence.</summary>
    public string? Problem { get; init; }

    /// <summary>Who answers: <c>own</c> or <c>builtin</c> (<see cref="IntegrationAgents"/>).</summary>
    public required string Agent { get; init; }

    /// <summary>How events reach the agent now (<see cref="IntegrationAgents.ReachedBy"/>).</summary>
    public required string ReachedBy { get; init; }

    /// <summary>When no agent is reached: why, and what to do, in a sentence.</summary>
    public string? Waiting { get; init; }

    public DateTimeOffset? LastConnectedAt { get; init; }

    /// <summary>Its webhooks, when it has any: how many, the last delivery, whether the newest attempt failed.</summary>
    public WebhookHealth? Webhooks { get; init; }

    public required long QueuedEvents { get; init; }
    public required long DroppedEvents { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required IntegrationSettings Settings { get; init; }
}
