using System.Globalization;

namespace Tapback.Agent.Questions;

/// <summary>Matches a reply to a numbered question: by number, then by option label (case-insensitive), else free text.</summary>
internal static class QuestionAnswers
{
    public static QuestionAnswer Match(string reply, IReadOnlyList<string> options)
    {
        var text = reply.Trim();
        // "2", "2.", "2)", "#2" and "option 2" all pick the second option.
        var number = text.TrimStart('#').TrimEnd('.', ')', '!').Trim();
        if (number.StartsWith("option ", StringComparison.OrdinalIgnoreCase))
        {
            number = number["option ".Length..].Trim();
        }

        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var chosen) && chosen >= 1 && chosen <= options.Count)
        {
            return new QuestionAnswer(chosen, options[chosen - 1], text);
        }

        var label = text.TrimEnd('.', '!');
        for (var index = 0; index < options.Count; index++)
        {
            if (string.Equals(options[index].Trim(), label, StringComparison.OrdinalIgnoreCase))
            {
                return new QuestionAnswer(index + 1, options[index], text);
            }
        }

        return new QuestionAnswer(null, null, text);
    }
}
