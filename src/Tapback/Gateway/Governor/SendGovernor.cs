using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The verdict on the row; dispose it once the send is marked in flight or held. On a governed
    /// transport it waits for the number's turn first (see <see cref="GovernorVerdict"/>). On a shared
    /// store, nodes judge side by side: each may let one send past a number's limit at the same moment.
    /// </summary>
    public async Task<GovernorVerdict> JudgeAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        if (row.Kind != OutboxKinds.Message || row.Attempts > 0)
        {
            return GovernorVerdict.Go;
        }

        // One gateway number per transport instance: no transport has several today (ISenderNumbers).
        var numberKey = row.Transport;
        var governed = policy.For(row.Transport) is not null;
        var turn = governed ? _turns.GetOrAdd(numberKey, _ => new SemaphoreSlim(1, 1)) : null;
        if (turn is not null)
        {
            await turn.WaitAsync(cancellationToken);
        }

        try
        {
            if (!row.GovernorExempt)
            {
                var send = new GovernedSend { OutboxId = row.Id, ConversationId = row.ConversationId, Transport = row.Transport, NumberKey = numberKey, MessageId = row.MessageId };
                foreach (var rule in _rules)
                {
                    if (await rule.CheckAsync(send, cancellationToken) is { } hold)
                    {
                        metrics.GovernorHeld(hold.Reason);
                        return new GovernorVerdict(hold, null, turn);
                    }
                }
            }

            return new GovernorVerdict(null, governed ? new GovernorTally(numberKey, row.ConversationId) : null, turn);
        }
        catch
        {
            turn?.Release();
            throw;
        }
    }
}
