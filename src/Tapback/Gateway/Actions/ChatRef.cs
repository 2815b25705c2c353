namespace Tapback.Gateway.Actions;

/// <summary>
/// How a request names its chat: the paired phone (<see cref="To"/>), a conversation id, or, on the
/// WebSocket, one <c>chatId</c> that may be either (<see cref="Any"/>).
/// </summary>
internal sealed record ChatRef
{
    public string? To { get; init; }

    public string? ConversationId { get; init; }

    /// <summary>A conversation id when one has it, else the paired phone.</summary>
    public string? Any { get; init; }

    public static ChatRef Of(string? to, string? conversationId) => new() { To = to, ConversationId = conversationId };

    public static ChatRef Either(string chatId) => new() { Any = chatId };
}
