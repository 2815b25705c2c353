namespace Tapback.Gateway.Governor.Loops;

/// <summary>A pause of a conversation by the loop breaker (a <c>conversation_pauses</c> row); open while <see cref="ResumedAt"/> is null.</summary>
internal sealed record ConversationPause
{
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required string Reason { get; init; }
    public required LoopEvidence Evidence { get; init; }
    public required DateTimeOffset PausedAt { get; init; }
    public DateTimeOffset? ResumedAt { get; init; }
    public string? ResumedBy { get; init; }
}
