namespace Tapback.Agent.Tools;

/// <summary>
/// A model turn waiting for the person: for approvals of guarded tool calls, or for the answer to an
/// <c>ask_user</c> question. <see cref="ModelMessages"/> holds what the model saw and said, to resume.
/// </summary>
internal sealed record PausedTurn
{
    public const string ApprovalKind = "approval";
    public const string QuestionKind = "question";

    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public string? SessionId { get; init; }
    public required string Kind { get; init; }
    public required string ModelMessages { get; init; }

    /// <summary>The person's message the paused turn answers; a resumed <c>react</c> targets it.</summary>
    public string? ReplyToMessageId { get; init; }
}
