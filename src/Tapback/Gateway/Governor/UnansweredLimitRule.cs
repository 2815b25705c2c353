namespace Tapback.Gateway.Governor;

/// <summary>
/// <c>UnansweredLimit</c>: at most this many messages to a person since their last message. An agent
/// that keeps talking to someone who does not answer is what people report as spam. Released by the
/// person's next message (<see cref="GovernorInbound"/>), never by time. A split answer is one message
/// here: its later bubbles are neither held nor counted by this rule (an answer of six bubbles is not cut
/// after its fifth), while the per-minute and per-day limits still count every bubble Apple sees.
/// </summary>
internal sealed class UnansweredLimitRule(GovernorPolicy policy, GovernorStore store) : IGovernorRule
{
    public async Task<HoldDecision?> CheckAsync(GovernedSend send, CancellationToken cancellationToken)
    {
        if (send.LaterBubble || policy.For(send.Transport) is not { UnansweredLimit: > 0 and var limit })
        {
            return null;
        }

        var unanswered = await store.UnansweredAsync(send.ConversationId, cancellationToken);
        return unanswered < limit
            ? null
            : new HoldDecision(
                HoldReasons.UnansweredLimit,
                $"{limit} messages went to this person since their last message (UnansweredLimit {limit}); their next message releases this one.",
                ReleaseAt: null);
    }
}
