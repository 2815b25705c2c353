using System.Text.Json.Serialization;

namespace Tapback.Transports.Blooio;

/// <summary>The body of <c>POST /chats/{chatId}/messages/{messageId}/reactions</c>: <c>+love</c> adds, <c>-love</c> removes.</summary>
internal sealed record BlooioReactionRequest([property: JsonPropertyName("reaction")] string Reaction);
