namespace Tapback.Agent.Approvals;

/// <summary>One guarded tool call waiting for (or past) the person's decision.</summary>
internal sealed record Approval
{
    public required string Id { get; init; }
    public required string PausedTurnId { get; init; }
    public required string ConversationId { get; init; }

    /// <summary>The approval bubble: only a tapback on this message answers this approval.</summary>
    public required string BubbleMessageId { get; init; }

    /// <summary>The model-side request id, matched when the turn resumes.</summary>
    public required string RequestId { get; init; }

    public required string CallId { get; init; }
    public required string ToolName { get; init; }

    /// <summary>The call's arguments as JSON.</summary>
    public required string Arguments { get; init; }

    public required string State { get; init; }
    public string? DecidedBy { get; init; }
    public long? DecidedBySeq { get; init; }
    public required long ExpiresAt { get; init; }

    public bool IsPending => State == ApprovalStates.Pending;
}
