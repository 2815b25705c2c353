namespace Tapback.Gateway.Conversations;

/// <summary>A tapback as stored: who put it on which message, and whether it was later taken off.</summary>
internal sealed record StoredReaction
{
    public required string MessageId { get; init; }
    public required string Sender { get; init; }

    /// <summary>The wire type: love, like, dislike, laugh, emphasize or question.</summary>
    public required string Reaction { get; init; }

    public required bool Removed { get; init; }
}
