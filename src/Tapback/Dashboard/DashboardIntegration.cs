using Tapback.Gateway.Integrations;

namespace Tapback.Dashboard;

/// <summary>An integration as the dashboard lists it: the admin view plus what needs attention.</summary>
internal sealed record DashboardIntegration
{
    public required string Id { get; init; }
    public required string Phone { get; init; }
    public required string Name { get; init; }
    public required string Transport { get; init; }

    /// <summary><c>connected</c>, <c>disconnected</c>, <c>paused</c> or <c>error</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the status is <c>error</c>, in a sentence.</summary>
    public string? Problem { get; init; }

    public required long QueuedEvents { get; init; }
    public required long DroppedEvents { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required IntegrationSettings Settings { get; init; }
}
