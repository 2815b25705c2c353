namespace Tapback.Agent.Memory;

/// <summary>A rolling summary of a session's messages up to and including <see cref="UptoSeq"/>.</summary>
internal sealed record Summary
{
    public required string Id { get; init; }
    public required string SessionId { get; init; }
    public required long UptoSeq { get; init; }
    public required long TurnCount { get; init; }
    public required string Body { get; init; }
    public required long CreatedAt { get; init; }
}
