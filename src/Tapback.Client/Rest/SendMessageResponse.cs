namespace Tapback.Client;

/// <summary>The answer to a send: its message ids (one per bubble) and <c>queued</c> or <c>scheduled</c>.</summary>
public sealed record SendMessageResponse
{
    /// <summary>The first bubble's id.</summary>
    public required string MessageId { get; init; }

    /// <summary>Every bubble's id.</summary>
    public IReadOnlyList<string> MessageIds { get; init; } = [];

    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary><c>queued</c> or <c>scheduled</c>.</summary>
    public required string Status { get; init; }
}
