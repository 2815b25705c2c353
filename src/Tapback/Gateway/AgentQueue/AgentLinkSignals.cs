using System.Collections.Concurrent;

namespace Tapback.Gateway.AgentQueue;

/// <summary>
/// Wakes whoever delivers one link's queue (an agent WebSocket) when a row was added for it. Only a
/// nudge, like <see cref="AgentQueueSignal"/>: the rows are the truth.
/// </summary>
internal sealed class AgentLinkSignals
{
    private readonly ConcurrentDictionary<string, LinkSignal> _links = new(StringComparer.Ordinal);
    private Action<string>? _relay;

    /// <summary>Wakes the webhook worker: every integration link may have subscriptions.</summary>
    public WakeSignal Webhooks { get; } = new LinkSignal();

    /// <summary>Wakes this node's deliverers of <paramref name="link"/> and, on a shared store, every other node's.</summary>
    public void Notify(string link) => Notify(link, webhooks: true);

    /// <summary>
    /// As <see cref="Notify(string)"/>; with <paramref name="webhooks"/> false (the caller wrote no webhook
    /// delivery) this node's webhook worker is left asleep: woken, it would only look for work and find none.
    /// </summary>
    public void Notify(string link, bool webhooks)
    {
        if (webhooks)
        {
            NotifyHere(link);
        }
        else if (_links.TryGetValue(link, out var signal))
        {
            signal.NotifyHere();
        }

        _relay?.Invoke(link);
    }

    /// <summary>Wakes only this node's deliverers (a nudge that came from another node).</summary>
    public void NotifyHere(string link)
    {
        if (link.StartsWith(Integrations.IntegrationLinks.Prefix, StringComparison.Ordinal))
        {
            Webhooks.NotifyHere();
        }

        if (_links.TryGetValue(link, out var signal))
        {
            signal.NotifyHere();
        }
    }

    /// <summary>Wakes every deliverer on this node: after a lost connection to the other nodes, any nudge may have been missed.</summary>
    public void NotifyAllHere()
    {
        Webhooks.NotifyHere();
        foreach (var signal in _links.Values)
        {
            signal.NotifyHere();
        }
    }

    /// <summary>Passes every <see cref="Notify"/> on to the other nodes (see <see cref="ClusterWakeUps"/>).</summary>
    public void RelayTo(Action<string> relay) => _relay = relay;

    public WakeSignal For(string link) => _links.GetOrAdd(link, _ => new LinkSignal());

    private sealed class LinkSignal : WakeSignal;
}
