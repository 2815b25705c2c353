namespace Tapback.Tests.Infrastructure;

/// <summary>
/// What a fake LLM server answers: text, and (OpenAI) tool calls in the chat-completions wire format.
/// A plain string converts to a text reply, so scripts read as the conversation they stand for.
/// </summary>
internal sealed record FakeReply
{
    public string? Text { get; init; }

    public IReadOnlyList<FakeToolCall> ToolCalls { get; init; } = [];

    /// <summary>An HTTP error status to answer with instead of a completion (OpenAI fake only).</summary>
    public int? Status { get; init; }

    /// <summary>An API error (429, 500, 503 …) with <c>retry-after: 0</c>, so the SDK's own retry waits no real time.</summary>
    public static FakeReply Fail(int status) => new() { Status = status };

    public static FakeReply Say(string text) => new() { Text = text };

    /// <summary>One tool call; <paramref name="argumentsJson"/> is the JSON object the model passes.</summary>
    public static FakeReply Call(string name, string argumentsJson = "{}", string? id = null) =>
        new() { ToolCalls = [new FakeToolCall(name, argumentsJson, id)] };

    public static FakeReply Calls(params FakeToolCall[] calls) => new() { ToolCalls = calls };

    public static implicit operator FakeReply(string text) => Say(text);
}
