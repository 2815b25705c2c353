using System.Collections.Concurrent;

namespace Tapback.Gateway.AgentQueue;

/// <summary>
/// Wakes whoever delivers one link's queue (an agent WebSocket) when a row was added for it. Only a
/// nudge, like <see cref="AgentQueueSignal"/>: the rows are the truth.
/// </summary>
internal sealed class AgentLinkSignals
{
    private readonly ConcurrentDictionary<string, LinkSignal> _links = new(StringComparer.Ordinal);

    public void Notify(string link)
    {
        if (_links.TryGetValue(link, out var signal))
        {
            signal.Notify();
        }
    }

    public WakeSignal For(string link) => _links.GetOrAdd(link, _ => new LinkSignal());

    private sealed class LinkSignal : WakeSignal;
}
