namespace Tapback.Gateway.Governor;

/// <summary>A rule's verdict that a send must wait: why, in words for the agent and operator, and until when.</summary>
/// <param name="Reason">A <see cref="HoldReasons"/> wire name.</param>
/// <param name="Detail">One sentence naming the limit and its figures, e.g. "5 messages went to this person since their last message (UnansweredLimit 5)."</param>
/// <param name="ReleaseAt">When the governor may look again by itself; null when only an event releases it.</param>
internal sealed record HoldDecision(string Reason, string Detail, DateTimeOffset? ReleaseAt);
