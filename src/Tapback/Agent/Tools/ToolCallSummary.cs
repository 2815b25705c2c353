using System.Text;
using System.Text.Json;

namespace Tapback.Agent.Tools;

/// <summary>A tool call in one short line, for the show-tool-calls bubble and the approval bubble.</summary>
internal static class ToolCallSummary
{
    public static string Bubble(string toolName, IDictionary<string, object?>? arguments)
    {
        var summary = Arguments(arguments, maxLength: 100);
        return summary.Length == 0 ? $"🔧 {toolName}" : $"🔧 {toolName}: {summary}";
    }

    /// <summary><c>name: value, other: value</c>, cut with an ellipsis at <paramref name="maxLength"/>.</summary>
    public static string Arguments(IDictionary<string, object?>? arguments, int maxLength)
    {
        if (arguments is null || arguments.Count == 0)
        {
            return "";
        }

        var line = new StringBuilder();
        foreach (var (name, value) in arguments)
        {
            if (line.Length > 0)
            {
                line.Append(", ");
            }

            line.Append(name).Append(": ").Append(Value(value));
        }

        var text = line.ToString().ReplaceLineEndings(" ");
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        JsonElement { ValueKind: JsonValueKind.String } element => $"\"{element.GetString()}\"",
        JsonElement element => element.GetRawText(),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
