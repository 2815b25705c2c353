using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Tapback.Agent.Tools;

/// <summary>
/// What one run of the tool loop came to: an answer, or a pause because guarded calls wait for
/// approval or the model asked the person a question.
/// </summary>
internal sealed record ToolLoopResult
{
    /// <summary>What the model said, possibly empty when it only called a tool.</summary>
    public required string Text { get; init; }

    /// <summary>The prompt and every response message: what a paused turn stores to resume.</summary>
    public required IReadOnlyList<ChatMessage> Transcript { get; init; }

    /// <summary>Guarded calls waiting for the person's approval.</summary>
    public IReadOnlyList<ToolApprovalRequestContent> Approvals { get; init; } = [];

    public AskUserCall? Question { get; init; }

    public bool IsPaused => Approvals.Count > 0 || Question is not null;

    public static ToolLoopResult From(IReadOnlyList<ChatMessage> prompt, ChatResponse response)
    {
        var contents = response.Messages.SelectMany(message => message.Contents).ToList();
        var requests = contents.OfType<ToolApprovalRequestContent>().ToList();
#pragma warning disable MEAI001 // RequiresConfirmation tells the calls the person must approve from those that came along.
        var approvals = requests.Where(request => request.RequiresConfirmation).ToList();
#pragma warning restore MEAI001
        AskUserCall? question = null;
        if (approvals.Count == 0)
        {
            var answered = contents.OfType<FunctionResultContent>().Select(result => result.CallId).ToHashSet(StringComparer.Ordinal);
            question = contents.OfType<FunctionCallContent>()
                .Where(call => call.Name == BuiltInToolNames.AskUser && !call.InformationalOnly && !answered.Contains(call.CallId))
                .Select(ReadAskUser)
                .FirstOrDefault();
        }

        return new ToolLoopResult
        {
            Text = string.Concat(response.Messages.Where(message => message.Role == ChatRole.Assistant).Select(message => message.Text)).Trim(),
            Transcript = [.. prompt, .. response.Messages],
            Approvals = approvals,
            Question = question,
        };
    }

    private static AskUserCall ReadAskUser(FunctionCallContent call)
    {
        var question = AsText(Argument(call, "question")) ?? "";
        var options = Argument(call, "options") switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText()).ToList(),
            IEnumerable<string> list => [.. list],
            _ => [],
        };
        return new AskUserCall(call.CallId, question, [.. options.Where(option => !string.IsNullOrWhiteSpace(option))]);
    }

    private static object? Argument(FunctionCallContent call, string name) =>
        call.Arguments is { } arguments && arguments.TryGetValue(name, out var value) ? value : null;

    /// <summary>A tool argument as the text it holds, however the function loop passed it (a string or JSON).</summary>
    internal static string? AsText(object? value) => value switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement element => element.GetRawText(),
        _ => value?.ToString(),
    };
}
