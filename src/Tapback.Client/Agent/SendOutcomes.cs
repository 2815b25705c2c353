using System.Collections.Concurrent;

namespace Tapback.Client;

/// <summary>
/// The outcomes of sends, matched by <c>clientMessageId</c> whichever comes first: the wait or the
/// answer. Outcomes are kept a while after they arrive: after a restart the gateway redelivers a
/// <c>message.sent</c> that may come before the caller asks again for the same send.
/// </summary>
internal sealed class SendOutcomes
{
    public const int Remembered = 1024;

    private readonly ConcurrentDictionary<string, TaskCompletionSource<SendOutcome>> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SendOutcome> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>A task that completes when the gateway reports the send keyed <paramref name="clientMessageId"/>.</summary>
    public Task<SendOutcome> WaitAsync(string clientMessageId)
    {
        var waiter = _waiting.GetOrAdd(clientMessageId, _ => new TaskCompletionSource<SendOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_known.TryGetValue(clientMessageId, out var known))
        {
            waiter.TrySetResult(known);
        }

        return waiter.Task;
    }

    public bool IsKnown(string clientMessageId) => _known.ContainsKey(clientMessageId);

    public void StopWaiting(string clientMessageId) => _waiting.TryRemove(clientMessageId, out _);

    public void Report(string clientMessageId, SendOutcome outcome)
    {
        // A held send's later sent or failed replaces the hold; a final outcome is never replaced.
        if (_known.TryGetValue(clientMessageId, out var earlier) && !earlier.IsFinal && outcome.IsFinal)
        {
            _known.TryUpdate(clientMessageId, outcome, earlier);
        }
        else if (_known.TryAdd(clientMessageId, outcome))
        {
            _order.Enqueue(clientMessageId);
            while (_order.Count > Remembered && _order.TryDequeue(out var oldest))
            {
                _known.TryRemove(oldest, out _);
            }
        }

        if (_waiting.TryGetValue(clientMessageId, out var waiter))
        {
            waiter.TrySetResult(outcome);
        }
    }
}
