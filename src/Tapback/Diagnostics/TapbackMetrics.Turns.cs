using Tapback.Agent.Turns;
using Tapback.AgentLink.Webhooks;
using Tapback.Gateway.AgentQueue;

namespace Tapback.Diagnostics;

/// <summary>The built-in agent's side: a turn starting with its batch, and how the turn ended.</summary>
internal sealed partial class TapbackMetrics
{
    /// <summary>
    /// Records each inbound event of <paramref name="batch"/> reaching the built-in agent now, and
    /// watches for the turn's typing indicator. Dispose the scope when the turn ends; call
    /// <see cref="TurnScope.Complete"/> first if it succeeded.
    /// </summary>
    public TurnScope TurnStarting(AgentQueueBatch batch, CancellationToken cancellationToken)
    {
        var now = NowMs();
        var path = new KeyValuePair<string, object?>("path", InboundPaths.BuiltIn);
        foreach (var item in batch.Items)
        {
            if (IsInbound(item.Kind))
            {
                _toAgent.Record(now - item.CreatedAt, path);
            }
        }

        // A turn's typing row is keyed by its first queue row, which is also its oldest.
        var first = batch.Items[0];
        if (IsInbound(first.Kind))
        {
            _typing.Expect(TurnKeys.Typing(TurnKeys.Of(first.Seq)), first.CreatedAt, now);
        }

        return new TurnScope(this, cancellationToken);
    }

    internal void TurnEnded(string result) => _turns.Add(1, new KeyValuePair<string, object?>("result", result));

    // Queue kinds and webhook event types both name what reaches an agent; status reports are not inbound.
    private static bool IsInbound(string kind) =>
        kind is AgentQueueKinds.Message or AgentQueueKinds.Reaction
            or WebhookEventTypes.MessageReceived or WebhookEventTypes.ReactionAdded or WebhookEventTypes.ReactionRemoved;

    private double NowMs() => (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;
}
