namespace Tapback.Gateway.Governor.Loops;

/// <summary>The answer of <c>POST /api/admin/conversations/{id}/resume</c>.</summary>
internal sealed record ResumeResult
{
    public required string ConversationId { get; init; }

    public DateTimeOffset? PausedAt { get; init; }

    public required DateTimeOffset ResumedAt { get; init; }

    /// <summary>How many held sends were queued again, in their order.</summary>
    public required int Released { get; init; }
}
