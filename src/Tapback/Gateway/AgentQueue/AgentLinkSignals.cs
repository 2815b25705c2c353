using System.Collections.Concurrent;

namespace Tapback.Gateway.AgentQueue;

/// <summary>
/// Wakes whoever delivers one link's queue (an agent WebSocket) when a row was added for it. Only a
/// nudge, like <see cref="AgentQueueSignal"/>: the rows are the truth.
/// </summary>
internal sealed class AgentLinkSignals
{
    private readonly ConcurrentDictionary<string, LinkSignal> _links = new(StringComparer.Ordinal);

    /// <summary>Wakes the webhook worker: every integration link may have subscriptions.</summary>
    public WakeSignal Webhooks { get; } = new LinkSignal();

    public void Notify(string link)
    {
        if (link.StartsWith(Integrations.IntegrationLinks.Prefix, StringComparison.Ordinal))
        {
            Webhooks.Notify();
        }

        if (_links.TryGetValue(link, out var signal))
        {
            signal.Notify();
        }
    }

    public WakeSignal For(string link) => _links.GetOrAdd(link, _ => new LinkSignal());

    private sealed class LinkSignal : WakeSignal;
}
