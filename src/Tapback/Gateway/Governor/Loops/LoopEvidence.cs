namespace Tapback.Gateway.Governor.Loops;

/// <summary>
/// What tripped the loop breaker: <see cref="Kind"/>, <see cref="Rounds"/> and <see cref="Detail"/> go to
/// the integration (<c>conversation.paused</c>'s <c>evidence</c>); the reply times and the preview of a
/// repeated text are kept for the dashboard (stored in <c>conversation_pauses.evidence</c>, never logged).
/// </summary>
internal sealed record LoopEvidence
{
    /// <summary><see cref="EvidenceKinds"/>: fast_replies or repeated_text.</summary>
    public required string Kind { get; init; }

    /// <summary>The rounds (an agent's message and the other side's reply) that make the evidence.</summary>
    public required int Rounds { get; init; }

    /// <summary>One sentence with the figures, and no message text: it is logged and sent to webhooks.</summary>
    public required string Detail { get; init; }

    /// <summary>The repeated text was the agent's own message coming back.</summary>
    public bool Echo { get; init; }

    /// <summary>How long after the agent's message each counted reply came, oldest first, in ms.</summary>
    public IReadOnlyList<long> ReplyTimesMs { get; init; } = [];

    /// <summary>The start of the repeated text, for the operator's page.</summary>
    public string? Sample { get; init; }
}
