namespace Tapback.Client;

/// <summary>A typing change, read receipt or tapback was queued.</summary>
public sealed record ActionAccepted
{
    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary><c>queued</c>.</summary>
    public required string Status { get; init; }
}
