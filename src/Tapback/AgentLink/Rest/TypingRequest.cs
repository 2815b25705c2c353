namespace Tapback.AgentLink.Rest;

/// <summary><c>POST /v2/typing</c>: the indicator on or off in a chat of the paired phone.</summary>
internal sealed record TypingRequest
{
    public string? To { get; init; }

    public string? ConversationId { get; init; }

    public bool? Typing { get; init; }
}
