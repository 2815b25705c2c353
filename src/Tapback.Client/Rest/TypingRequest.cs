namespace Tapback.Client;

/// <summary><c>POST /v2/typing</c>.</summary>
internal sealed record TypingRequest(string? To, string? ConversationId, bool Typing);
