using Tapback.Messaging;

namespace Tapback.Gateway.Actions;

/// <summary>Put a tapback on a message, or take it off.</summary>
internal sealed record ReactCommand
{
    public required string MessageId { get; init; }

    public required ReactionType Reaction { get; init; }

    public bool Remove { get; init; }

    /// <summary>The caller's key, under the same rule as a send's.</summary>
    public string? IdempotencyKey { get; init; }
}
