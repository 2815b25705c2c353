using Tapback.Diagnostics;
using Tapback.Gateway.Outbox;

namespace Tapback.Gateway.Governor;

/// <summary>
/// What the dispatcher asks before a send takes its place in the pace limit: may it go, and what is
/// counted when it does. Only a message's first try is judged (a retry already passed) and only an
/// agent's (<see cref="OutboxRow.GovernorExempt"/>: the gateway's own messages, operators' replies and
/// sends an operator released are not). Every registered <see cref="IGovernorRule"/> is asked in turn,
/// the limits here and any other feature's (the loop breaker's pause); the first hold wins.
/// </summary>
internal sealed class SendGovernor(IEnumerable<IGovernorRule> rules, GovernorPolicy policy, TapbackMetrics metrics)
{
    private readonly IGovernorRule[] _rules = [.. rules];

    /// <summary>A hold, or null with what to count when the send is handed to its transport (null too when its transport is not governed).</summary>
    public async Task<(HoldDecision? Hold, GovernorTally? Tally)> JudgeAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        if (row.Kind != OutboxKinds.Message || row.Attempts > 0)
        {
            return (null, null);
        }

        // One gateway number per transport instance: no transport has several today (ISenderNumbers).
        var numberKey = row.Transport;
        if (!row.GovernorExempt)
        {
            var send = new GovernedSend { OutboxId = row.Id, ConversationId = row.ConversationId, Transport = row.Transport, NumberKey = numberKey, MessageId = row.MessageId };
            foreach (var rule in _rules)
            {
                if (await rule.CheckAsync(send, cancellationToken) is { } hold)
                {
                    metrics.GovernorHeld(hold.Reason);
                    return (hold, null);
                }
            }
        }

        return (null, policy.For(row.Transport) is null ? null : new GovernorTally(numberKey, row.ConversationId));
    }
}
