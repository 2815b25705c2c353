namespace Tapback.Gateway.Governor;

/// <summary>
/// <c>PerRecipientPerMinute</c>: at most this many messages to one person in 60 s, a burst no person
/// types and the pattern providers watch per sender–recipient pair. Released when the minute frees a place.
/// </summary>
internal sealed class RecipientRateRule(GovernorPolicy policy, GovernorStore store) : IGovernorRule
{
    public async Task<HoldDecision?> CheckAsync(GovernedSend send, CancellationToken cancellationToken)
    {
        if (policy.For(send.Transport) is not { PerRecipientPerMinute: > 0 and var limit })
        {
            return null;
        }

        return await store.RecipientFullUntilAsync(send.ConversationId, limit, cancellationToken) is not { } freeAt
            ? null
            : new HoldDecision(
                HoldReasons.RecipientRate,
                $"{limit} messages went to this conversation in the last 60 seconds (PerRecipientPerMinute {limit}); it goes at {freeAt:O}.",
                freeAt);
    }
}
