namespace Tapback.Client;

/// <summary>An edit or unsend was accepted: <c>revised</c> / <c>cancelled</c> (a send still waiting), or <c>queued</c> (a sent message).</summary>
public sealed record MessageChangeAccepted
{
    /// <summary>The message.</summary>
    public required string MessageId { get; init; }

    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary><c>revised</c>, <c>cancelled</c> or <c>queued</c>.</summary>
    public required string Status { get; init; }
}
