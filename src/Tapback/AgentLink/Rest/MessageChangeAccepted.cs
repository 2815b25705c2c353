namespace Tapback.AgentLink.Rest;

/// <summary>
/// An edit or unsend accepted: <c>queued</c> (carried out through the transport, reported as
/// <c>message.edited</c> / <c>message.unsent</c> or <c>message.failed</c>), <c>revised</c> (a send still
/// waiting took the new text) or <c>cancelled</c> (a send still waiting will not go).
/// </summary>
internal sealed record MessageChangeAccepted
{
    public required string MessageId { get; init; }

    public required string ConversationId { get; init; }

    public required string Status { get; init; }
}
