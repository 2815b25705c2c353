namespace Tapback.Gateway.Governor;

/// <summary>
/// <c>OutboundRatio</c>: over the last day a number sends at most this many messages per message it
/// receives, once it sent <c>OutboundRatioFloor</c> (so at most max(floor, ratio × inbound) a day). A
/// number that talks far more than it hears looks like a broadcaster. Counted by the hour: looked at
/// again at the next hour, and a person's answer in the conversation releases its held send at once.
/// </summary>
internal sealed class OutboundRatioRule(GovernorPolicy policy, GovernorStore store, TimeProvider time) : IGovernorRule
{
    public async Task<HoldDecision?> CheckAsync(GovernedSend send, CancellationToken cancellationToken)
    {
        if (policy.For(send.Transport) is not { OutboundRatio: > 0 } limits)
        {
            return null;
        }

        var (outbound, inbound) = await store.DayTrafficAsync(send.NumberKey, cancellationToken);
        if (outbound < limits.OutboundRatioFloor || outbound + 1 <= limits.OutboundRatio * inbound)
        {
            return null;
        }

        return new HoldDecision(
            HoldReasons.OutboundRatio,
            $"This number sent {outbound} messages and received {inbound} in the last day, past {limits.OutboundRatio}:1 (OutboundRatio {limits.OutboundRatio}, OutboundRatioFloor {limits.OutboundRatioFloor}); it goes when people answer or the day's count falls.",
            GovernorStore.NextHour(time.GetUtcNow()));
    }
}
