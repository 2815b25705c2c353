namespace Tapback.Client;

/// <summary>Why the loop breaker paused a conversation.</summary>
public sealed record LoopEvidence
{
    /// <summary><c>fast_replies</c> or <c>repeated_text</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>How many rounds it saw.</summary>
    public int Rounds { get; init; }

    /// <summary>Its sentence about it.</summary>
    public string? Detail { get; init; }
}
