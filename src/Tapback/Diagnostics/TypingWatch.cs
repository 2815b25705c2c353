namespace Tapback.Diagnostics;

/// <summary>
/// Typing rows a built-in turn is about to write, with when their oldest inbound event was accepted,
/// until the outbox hands them to the transport. In memory only: a row sent by another node or after a
/// restart is simply not measured. Bounded, so rows that never send (no typing on that transport, a
/// crash) cannot grow it.
/// </summary>
internal sealed class TypingWatch
{
    // A second of turns at a thousand a second, each waiting for its typing row.
    private const int Capacity = 8192;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _acceptedAt = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Expect(string key, long acceptedAtMs)
    {
        lock (_lock)
        {
            if (!_acceptedAt.TryAdd(key, acceptedAtMs))
            {
                return;
            }

            _order.Enqueue(key);
            while (_order.Count > Capacity)
            {
                _acceptedAt.Remove(_order.Dequeue());
            }
        }
    }

    /// <summary>The accepted time watched for <paramref name="key"/>, once: null when it is not watched.</summary>
    public long? Take(string key)
    {
        lock (_lock)
        {
            if (_acceptedAt.Count == 0 || !_acceptedAt.Remove(key, out var acceptedAtMs))
            {
                return null;
            }

            return acceptedAtMs;
        }
    }
}
