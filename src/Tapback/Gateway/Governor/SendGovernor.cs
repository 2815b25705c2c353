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
internal sealed partial class SendGovernor(IEnumerable<IGovernorRule> rules, GovernorPolicy policy, TapbackMetrics metrics, TimeProvider time, ILogger<SendGovernor> logger)
{
    /// <summary>
    /// How long a send waits for its number's turn. A turn takes milliseconds (a few reads, the pace,
    /// the mark); one held longer belongs to a worker that stalled (its lease runs out and another
    /// takes its rows over), which must not stop the number: past this the send is judged without the
    /// turn, at the risk of one send past a number's limit.
    /// </summary>
    private static readonly TimeSpan TurnWait = TimeSpan.FromSeconds(10);

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
        var turn = governed ? await TakeTurnAsync(numberKey, cancellationToken) : null;
        var laterBubble = BubblePlanner.IsLaterBubble(row.IdempotencyKey);

        try
        {
            if (!row.GovernorExempt)
            {
                var send = new GovernedSend { OutboxId = row.Id, ConversationId = row.ConversationId, Transport = row.Transport, NumberKey = numberKey, MessageId = row.MessageId, LaterBubble = laterBubble };
                foreach (var rule in _rules)
                {
                    if (await rule.CheckAsync(send, cancellationToken) is { } hold)
                    {
                        metrics.GovernorHeld(hold.Reason);
                        return new GovernorVerdict(hold, null, turn);
                    }
                }
            }

            return new GovernorVerdict(null, governed ? new GovernorTally(numberKey, row.ConversationId, AwaitsAnswer: !row.GovernorExempt && !laterBubble) : null, turn);
        }
        catch
        {
            turn?.Release();
            throw;
        }
    }

    /// <summary>The number's turn, or null when it did not come within <see cref="TurnWait"/>.</summary>
    private async Task<SemaphoreSlim?> TakeTurnAsync(string numberKey, CancellationToken cancellationToken)
    {
        var turn = _turns.GetOrAdd(numberKey, _ => new SemaphoreSlim(1, 1));
        using var timeout = new CancellationTokenSource(TurnWait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await turn.WaitAsync(linked.Token);
            return turn;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNoTurn(logger, numberKey, TurnWait);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A send on {Number} waited {Wait} for the number's turn, which a stalled worker holds; it is judged without it (the number's limits may let one send too many through).")]
    private static partial void LogNoTurn(ILogger logger, string number, TimeSpan wait);
}
