namespace Tapback.Gateway.Governor.Loops;

/// <summary>
/// <c>Tapback:Governor:LoopBreaker</c>: when a conversation looks like two programs talking. The
/// defaults trip on a bot within a minute or two and never on a person texting fast
/// (docs/governor.md, "Loop breaker").
/// </summary>
internal sealed class LoopBreakerOptions
{
    public const string SectionName = "Tapback:Governor:LoopBreaker";

    public bool Enabled { get; set; } = true;

    /// <summary>A reply that came this soon after the agent's message was sent is a fast one.</summary>
    public TimeSpan FastReplyWithin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Fast replies in a row that trip the breaker: a person answers a few quickly, never ten.</summary>
    public int FastReplyRounds { get; set; } = 10;

    /// <summary>The same reply (compared without case, spacing or punctuation) this many times among <see cref="RecentReplies"/> trips it.</summary>
    public int RepeatedTextCount { get; set; } = 5;

    /// <summary>The other side sending the agent's own last message back this many times among <see cref="RecentReplies"/> trips it.</summary>
    public int EchoCount { get; set; } = 3;

    /// <summary>How many of the other side's latest replies are compared for repeats and echoes.</summary>
    public int RecentReplies { get; set; } = 20;

    /// <summary>Replies shorter than this (once normalised) are never counted as repeats or echoes: people say "ok" and "thanks" again and again.</summary>
    public int MinTextLength { get; set; } = 8;
}
