namespace Tapback.Agent.Questions;

/// <summary>An <c>ask_user</c> question the person has been sent, with its numbered options.</summary>
internal sealed record PendingQuestion
{
    public required string Id { get; init; }
    public required string PausedTurnId { get; init; }
    public required string CallId { get; init; }
    public required string Question { get; init; }
    public required IReadOnlyList<string> Options { get; init; }
    public required string State { get; init; }
    public string? Answer { get; init; }
    public string? AnswerMessageId { get; init; }

    public bool IsPending => State == "pending";
}
