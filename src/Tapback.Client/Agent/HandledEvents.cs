namespace Tapback.Client;

/// <summary>
/// The seqs of events the caller already took. A redelivered event keeps its seq, so an event whose
/// ack the connection lost is acknowledged again without reaching the caller twice. Bounded: the
/// gateway redelivers only what was not acknowledged, which is a short tail.
/// </summary>
internal sealed class HandledEvents
{
    private const int Remembered = 4096;

    private readonly HashSet<long> _seqs = [];
    private readonly Queue<long> _order = new();
    private readonly Lock _lock = new();

    public bool Contains(long seq)
    {
        lock (_lock)
        {
            return _seqs.Contains(seq);
        }
    }

    public void Add(long seq)
    {
        lock (_lock)
        {
            if (_seqs.Add(seq))
            {
                _order.Enqueue(seq);
                if (_order.Count > Remembered)
                {
                    _seqs.Remove(_order.Dequeue());
                }
            }
        }
    }
}
