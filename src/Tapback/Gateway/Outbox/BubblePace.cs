namespace Tapback.Gateway.Outbox;

/// <summary>How a split answer is paced: bubble length, the beat between bubbles, and the typing indicator.</summary>
internal sealed record BubblePace
{
    public required int MaxBubbleLength { get; init; }

    public required TimeSpan GapMin { get; init; }

    public required TimeSpan GapMax { get; init; }

    /// <summary>The chat's transport shows a typing indicator.</summary>
    public bool Typing { get; init; }

    /// <summary>
    /// The indicator is already on before the first bubble (a turn shows it while the model thinks), so
    /// it must be turned off at the end even after a single bubble.
    /// </summary>
    public bool TypingShown { get; init; }
}
