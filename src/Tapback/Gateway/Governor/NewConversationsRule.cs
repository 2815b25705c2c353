namespace Tapback.Gateway.Governor;

/// <summary>
/// <c>NewConversationsPerDay</c>: at most this many conversations an agent starts per gateway number in a
/// rolling day. A send starts a conversation when no one has written in it and nothing went to it yet,
/// a group too; answering someone who wrote first never counts. Cold outreach is what gets a number
/// reported. Released when the day frees a place.
/// </summary>
internal sealed class NewConversationsRule(GovernorPolicy policy, GovernorStore store) : IGovernorRule
{
    public async Task<HoldDecision?> CheckAsync(GovernedSend send, CancellationToken cancellationToken)
    {
        if (policy.For(send.Transport) is not { NewConversationsPerDay: > 0 and var limit }
            || !await store.StartsConversationAsync(send.ConversationId, cancellationToken))
        {
            return null;
        }

        return await store.StartsFullUntilAsync(send.NumberKey, limit, cancellationToken) is not { } freeAt
            ? null
            : new HoldDecision(
                HoldReasons.NewConversations,
                $"This number started {limit} conversations in the last 24 hours (NewConversationsPerDay {limit}); it goes at {freeAt:O}.",
                freeAt);
    }
}
