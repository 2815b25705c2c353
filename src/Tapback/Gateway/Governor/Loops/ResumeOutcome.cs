namespace Tapback.Gateway.Governor.Loops;

/// <summary>What <see cref="ConversationResume"/> did.</summary>
internal abstract record ResumeOutcome
{
    public static ResumeOutcome NotFound { get; } = new Missing();

    public static ResumeOutcome NotPaused { get; } = new Unpaused();

    /// <param name="PausedAt">When the pause began; null when only sends a crash left held were released.</param>
    public sealed record Resumed(DateTimeOffset? PausedAt, DateTimeOffset ResumedAt, int Released) : ResumeOutcome;

    private sealed record Missing : ResumeOutcome;

    private sealed record Unpaused : ResumeOutcome;
}
