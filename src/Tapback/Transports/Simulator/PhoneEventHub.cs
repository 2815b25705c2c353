using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Tapback.Transports.Simulator;

/// <summary>Fans a phone's new events out to its live streams. The store holds them; this only pushes.</summary>
internal sealed class PhoneEventHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<PhoneEvent>, byte>> _subscribers = new(StringComparer.Ordinal);

    public Subscription Subscribe(string handle)
    {
        // Bounded so a stalled browser cannot grow memory; it catches up from the store on reconnect.
        var channel = Channel.CreateBounded<PhoneEvent>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers.GetOrAdd(handle, _ => new()).TryAdd(channel, 0);
        return new Subscription(this, handle, channel);
    }

    public void Publish(string handle, PhoneEvent phoneEvent)
    {
        if (_subscribers.TryGetValue(handle, out var channels))
        {
            foreach (var channel in channels.Keys)
            {
                channel.Writer.TryWrite(phoneEvent);
            }
        }
    }

    internal sealed class Subscription(PhoneEventHub hub, string handle, Channel<PhoneEvent> channel) : IDisposable
    {
        public ChannelReader<PhoneEvent> Reader => channel.Reader;

        public void Dispose()
        {
            if (hub._subscribers.TryGetValue(handle, out var channels))
            {
                channels.TryRemove(channel, out _);
            }

            channel.Writer.TryComplete();
        }
    }
}
