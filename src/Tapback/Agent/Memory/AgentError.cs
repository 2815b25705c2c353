namespace Tapback.Agent.Memory;

/// <summary>One failure a turn met.</summary>
internal sealed record AgentError
{
    public required long Id { get; init; }
    public string? SessionId { get; init; }
    public required string Kind { get; init; }
    public required string Detail { get; init; }
    public required long At { get; init; }
}
