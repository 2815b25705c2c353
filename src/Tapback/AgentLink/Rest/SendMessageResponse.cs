namespace Tapback.AgentLink.Rest;

/// <summary>A send accepted: <see cref="MessageId"/> is the first bubble, <see cref="MessageIds"/> all of them.</summary>
internal sealed record SendMessageResponse
{
    public required string MessageId { get; init; }

    public required IReadOnlyList<string> MessageIds { get; init; }

    public required string ConversationId { get; init; }

    public required string Status { get; init; }
}
