namespace Tapback.Diagnostics;

/// <summary>
/// Typing rows a built-in turn is about to write, with when their oldest inbound event was accepted and
/// when the turn started, until the outbox hands them to the transport. In memory only: a row sent by another node or after a
/// restart is simply not measured. Bounded, so rows that never send (no typing on that transport, a
/// crash) cannot grow it.
/// </summary>
internal sealed class TypingWatch
{
    // A second of turns at a thousand a second, each waiting for its typing row.
    private const int Capacity = 8192;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, WatchedTyping> _watched = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Expect(string key, long acceptedAtMs, double turnStartedMs)
    {
        lock (_lock)
        {
            if (!_watched.TryAdd(key, new WatchedTyping(acceptedAtMs, turnStartedMs)))
            {
                return;
            }

            _order.Enqueue(key);
            while (_order.Count > Capacity)
            {
                _watched.Remove(_order.Dequeue());
            }
        }
    }

    /// <summary>The times watched for <paramref name="key"/>, once: null when it is not watched.</summary>
    public WatchedTyping? Take(string key)
    {
        lock (_lock)
        {
            if (_watched.Count == 0 || !_watched.Remove(key, out var watched))
            {
                return null;
            }

            return watched;
        }
    }
}

/// <summary>When a watched typing row's oldest inbound event was accepted and when its turn started (epoch ms).</summary>
internal readonly record struct WatchedTyping(long AcceptedAtMs, double TurnStartedMs);
