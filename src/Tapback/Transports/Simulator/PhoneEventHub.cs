using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Tapback.Transports.Simulator;

/// <summary>Fans a phone's new events out to its live streams. The store holds them; this only pushes.</summary>
internal sealed class PhoneEventHub
{
    // A phone is here only while it has a live stream: every phone that ever opened the page would
    // otherwise keep an entry for the life of the process (found by the memory benchmark's review).
    private readonly ConcurrentDictionary<string, Channel<PhoneEvent>[]> _subscribers = new(StringComparer.Ordinal);
    private readonly Lock _changing = new();

    /// <summary>How many phones have a live stream now.</summary>
    public int StreamingPhones => _subscribers.Count;

    public Subscription Subscribe(string handle)
    {
        // Bounded so a stalled browser cannot grow memory; it catches up from the store on reconnect.
        var channel = Channel.CreateBounded<PhoneEvent>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_changing)
        {
            _subscribers[handle] = _subscribers.TryGetValue(handle, out var channels) ? [.. channels, channel] : [channel];
        }

        return new Subscription(this, handle, channel);
    }

    public void Publish(string handle, PhoneEvent phoneEvent)
    {
        // Arrays are replaced, never changed, so publishing needs no lock.
        if (_subscribers.TryGetValue(handle, out var channels))
        {
            foreach (var channel in channels)
            {
                channel.Writer.TryWrite(phoneEvent);
            }
        }
    }

    private void Unsubscribe(string handle, Channel<PhoneEvent> channel)
    {
        lock (_changing)
        {
            if (!_subscribers.TryGetValue(handle, out var channels))
            {
                return;
            }

            Channel<PhoneEvent>[] rest = [.. channels.Where(other => other != channel)];
            if (rest.Length == 0)
            {
                _subscribers.TryRemove(handle, out _);
            }
            else
            {
                _subscribers[handle] = rest;
            }
        }
    }

    internal sealed class Subscription(PhoneEventHub hub, string handle, Channel<PhoneEvent> channel) : IDisposable
    {
        public ChannelReader<PhoneEvent> Reader => channel.Reader;

        public void Dispose()
        {
            hub.Unsubscribe(handle, channel);
            channel.Writer.TryComplete();
        }
    }
}
