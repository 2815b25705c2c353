namespace Tapback.Agent.Questions;

/// <summary>How a reply maps onto a question: the chosen option (1-based), or free text when none matched.</summary>
internal sealed record QuestionAnswer(int? Option, string? Label, string Text)
{
    /// <summary>What the model is told the person answered.</summary>
    public string ForModel() => Option is { } number
        ? $"The person chose option {number}: \"{Label}\"."
        : $"The person did not pick one of the options; they replied: \"{Text}\"";
}
