using Tapback.Agent.Tools;

namespace Tapback.Agent.Approvals;

/// <summary>The words of the approval bubble and of the notices around it.</summary>
internal static class ApprovalPrompt
{
    public const string Footer = "React 👍 to allow, 👎 to deny.";

    /// <summary>One bubble: what will run with which arguments, ending with how to answer.</summary>
    public static string Bubble(string toolName, IDictionary<string, object?>? arguments)
    {
        var summary = ToolCallSummary.Arguments(arguments, maxLength: 160);
        var what = summary.Length == 0 ? toolName : $"{toolName} with {summary}";
        return $"I'd like to run {what}. {Footer}";
    }

    public static string Expired(IReadOnlyList<string> toolNames, TimeSpan timeout) =>
        $"No answer within {Describe(timeout)}, so I didn't run {Join(toolNames)}.";

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 0 ? "the tool" : names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0
            ? $"{span.TotalMinutes:0} minute{(span.TotalMinutes == 1 ? "" : "s")}"
            : $"{span.TotalSeconds:0} seconds";
}
