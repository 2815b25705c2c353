using Tapback.Agent.Memory;

namespace Tapback.Agent.Api;

/// <summary>A session as the API shows it: when it ran, why it ended, and its rolling summaries.</summary>
internal sealed record SessionView
{
    public required string Id { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? EndReason { get; init; }
    public required long TurnCount { get; init; }
    public required IReadOnlyList<Summary> Summaries { get; init; }
}
