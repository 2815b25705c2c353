namespace Tapback.Tests.Infrastructure;

/// <summary>One message a fake LLM server received: its role and the text of its text parts.</summary>
internal sealed record FakeChatMessage(string Role, string Text);
