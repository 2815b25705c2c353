namespace Tapback.Tests.Infrastructure;

/// <summary>
/// What a fake LLM server answers: text, and (OpenAI) tool calls in the chat-completions wire format.
/// A plain string converts to a text reply, so scripts read as the conversation they stand for.
/// </summary>
internal sealed record FakeReply
{
    public string? Text { get; init; }

    public IReadOnlyList<FakeToolCall> ToolCalls { get; init; } = [];

    public static FakeReply Say(string text) => new() { Text = text };

    /// <summary>One tool call; <paramref name="argumentsJson"/> is the JSON object the model passes.</summary>
    public static FakeReply Call(string name, string argumentsJson = "{}", string? id = null) =>
        new() { ToolCalls = [new FakeToolCall(name, argumentsJson, id)] };

    public static FakeReply Calls(params FakeToolCall[] calls) => new() { ToolCalls = calls };

    public static implicit operator FakeReply(string text) => Say(text);
}
