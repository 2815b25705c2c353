namespace Tapback.Gateway.Actions;

/// <summary>
/// What the gateway made of an agent's action, the same whichever surface asked: accepted (queued in
/// the outbox, or nothing to do) or refused with a kind and a sentence the caller can act on. Each
/// surface maps it to its wire format; later outcomes (a send held back) become new cases here.
/// </summary>
internal abstract record ActionResult
{
    private ActionResult()
    {
    }

    /// <param name="ConversationId">The chat the action was carried out in.</param>
    /// <param name="MessageIds">The messages a send made (every bubble, in order), or the message read or reacted to.</param>
    /// <param name="OutboxKeys">The outbox rows written; empty when there was nothing to do.</param>
    /// <param name="Duplicate">True when the key was used before for the same request: nothing new was written.</param>
    internal sealed record Accepted(string ConversationId, IReadOnlyList<string> MessageIds, IReadOnlyList<string> OutboxKeys, bool Duplicate = false) : ActionResult
    {
        /// <summary>What became of it: queued (the usual), scheduled, or done at once (a waiting send rewritten or cancelled).</summary>
        public AcceptedAs As { get; init; } = AcceptedAs.Queued;
    }

    internal sealed record Refused(RefusalKind Kind, string Reason) : ActionResult;
}
