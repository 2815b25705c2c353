using System.Threading.Channels;

namespace Tapback.Gateway.Watchdog;

/// <summary>
/// This node's live news of transport transitions, for the agent WebSockets connected to it. Each
/// listener has its own channel that its connection drains, so a slow socket never holds up the
/// watchdog. Transitions are rare, so the channels are unbounded.
/// </summary>
internal sealed class TransportHealthFeed
{
    private readonly Lock _lock = new();
    private readonly List<Channel<TransportHealthChange>> _listeners = [];

    /// <summary>Listens from now on; dispose the subscription when the connection ends.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateUnbounded<TransportHealthChange>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            _listeners.Add(channel);
        }

        return new Subscription(this, channel);
    }

    public void Publish(TransportHealthChange change)
    {
        lock (_lock)
        {
            foreach (var listener in _listeners)
            {
                listener.Writer.TryWrite(change);
            }
        }
    }

    private void Remove(Channel<TransportHealthChange> channel)
    {
        lock (_lock)
        {
            _listeners.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    /// <summary>One connection's place in the feed.</summary>
    internal sealed class Subscription(TransportHealthFeed feed, Channel<TransportHealthChange> channel) : IDisposable
    {
        public ChannelReader<TransportHealthChange> Changes => channel.Reader;

        public void Dispose() => feed.Remove(channel);
    }
}
