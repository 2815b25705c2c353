namespace Tapback.Gateway.Governor.Loops;

/// <summary>The <c>evidence.kind</c> of <c>conversation.paused</c> (docs/protocol.md, docs/webhooks.md).</summary>
internal static class EvidenceKinds
{
    /// <summary>The other side answered each of the agent's messages within <c>FastReplyWithin</c>, <c>FastReplyRounds</c> times in a row.</summary>
    public const string FastReplies = "fast_replies";

    /// <summary>The same reply came back again and again, or the agent's own message came back (an echo).</summary>
    public const string RepeatedText = "repeated_text";
}
