namespace Tapback.Agent.Questions;

/// <summary>The <c>questions.state</c> values: pending until answered, or cancelled with its paused turn.</summary>
internal static class QuestionStates
{
    public const string Pending = "pending";
    public const string Answered = "answered";
    public const string Cancelled = "cancelled";
}
