using System.Data.Common;
using Tapback.Gateway.Inbox;
using Tapback.Gateway.Outbox;

namespace Tapback.Gateway.Governor;

/// <summary>
/// A person's message, as the governor hears it from the inbox: it counts toward the number's inbound
/// side of the ratio, and releases, in order, the conversation's sends held for want of an answer
/// (<see cref="HoldReasons.UnansweredLimit"/>) and for the ratio (the answer raised it). The dispatcher
/// asks the governor again before each goes.
/// </summary>
internal sealed class GovernorInbound(GovernorPolicy policy) : IInboundObserver
{
    private static readonly string[] ReleasedByAnAnswer = [HoldReasons.UnansweredLimit, HoldReasons.OutboundRatio];

    public async Task<bool> PersonWroteAsync(DbConnection connection, DbTransaction transaction, string transport, string conversationId, long now, CancellationToken cancellationToken)
    {
        if (policy.For(transport) is { } limits)
        {
            await GovernorStore.RecordInboundAsync(connection, transaction, transport, conversationId, countInbound: limits.OutboundRatio > 0, now, cancellationToken);
        }

        return await OutboxStore.ReleaseHeldAsync(connection, transaction, conversationId, ReleasedByAnAnswer, now, cancellationToken) > 0;
    }
}
