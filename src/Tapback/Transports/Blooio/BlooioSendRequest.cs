using System.Text.Json.Serialization;

namespace Tapback.Transports.Blooio;

/// <summary>The body of <c>POST /chats/{chatId}/messages</c>.</summary>
internal sealed record BlooioSendRequest
{
    [JsonPropertyName("text")]
    public required string Text { get; init; }

    /// <summary>An effect: BlooioEffects' names (iMessage only; SMS and RCS get the text without it).</summary>
    [JsonPropertyName("effect")]
    public string? Effect { get; init; }

    /// <summary>The message this one answers inline (iMessage only).</summary>
    [JsonPropertyName("reply_to")]
    public BlooioReplyTo? ReplyTo { get; init; }

    /// <summary>Off: Tapback shows typing itself, between bubbles, on its own clock.</summary>
    [JsonPropertyName("use_typing_indicator")]
    public bool UseTypingIndicator { get; init; }
}
