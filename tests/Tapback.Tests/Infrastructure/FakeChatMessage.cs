namespace Tapback.Tests.Infrastructure;

/// <summary>One message a fake LLM server received: its role and the text of its text parts.</summary>
internal sealed record FakeChatMessage(string Role, string Text)
{
    /// <summary>For a <c>tool</c> message: the call it answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>For an assistant message that called tools: the names of the tools, in order.</summary>
    public string? ToolCallNames { get; init; }
}
