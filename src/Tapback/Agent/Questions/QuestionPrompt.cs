using System.Globalization;

namespace Tapback.Agent.Questions;

/// <summary>A question as bubbles: the question, one bubble per numbered option, then how to answer.</summary>
internal static class QuestionPrompt
{
    public const string Footer = "Reply with a number or type your answer.";

    public static IReadOnlyList<string> Bubbles(string question, IReadOnlyList<string> options)
    {
        var bubbles = new List<string> { question.Trim() };
        bubbles.AddRange(options.Select((option, index) => string.Create(CultureInfo.InvariantCulture, $"{index + 1}. {option.Trim()}")));
        if (options.Count > 0)
        {
            bubbles.Add(Footer);
        }

        return bubbles;
    }
}
