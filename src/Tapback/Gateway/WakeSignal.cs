namespace Tapback.Gateway;

/// <summary>
/// A level-triggered wake-up: any number of <see cref="Notify"/> calls wake the wait under way, or,
/// when none is, the next wait returns at once. Made for one loop waiting on it (a worker, a socket's
/// delivery); a notification wakes every wait under way.
/// </summary>
/// <remarks>
/// Not a <see cref="SemaphoreSlim"/>: a wait on one that is cancelled leaves the semaphore's list only
/// when the semaphore's own continuation runs on the thread pool, after the cancel returned. A
/// <see cref="Notify"/> in between handed its count to that abandoned wait and the loop's next wait
/// slept through it, until its timeout (on a test's fake clock, for ever). Here a wait is withdrawn
/// under the lock before <see cref="WaitAsync"/> returns, so a notification either wakes a wait that
/// has not returned yet (its caller looks at the rows after it) or is kept for the next one.
/// </remarks>
internal abstract class WakeSignal
{
    private readonly Lock _gate = new();
    private readonly List<TaskCompletionSource> _waits = [];
    private bool _pending;
    private Action? _relay;

    /// <summary>Wakes the waiter here and, on a shared store, the same waiter on every other node.</summary>
    public void Notify()
    {
        NotifyHere();
        _relay?.Invoke();
    }

    /// <summary>Wakes only this node's waiter (a nudge that came from another node).</summary>
    public void NotifyHere()
    {
        TaskCompletionSource[] woken;
        lock (_gate)
        {
            if (_waits.Count == 0)
            {
                // Already signalled or not, the next wait returns at once and its caller looks at every row.
                _pending = true;
                return;
            }

            woken = [.. _waits];
            _waits.Clear();
        }

        // The waiters run on the thread pool (RunContinuationsAsynchronously), never on the notifier's
        // thread, which may be the group commit's writer.
        foreach (var wait in woken)
        {
            wait.TrySetResult();
        }
    }

    /// <summary>
    /// Waits for a notification, for <paramref name="alsoWakeOn"/> to complete, or until
    /// <paramref name="timeout"/> passes on <paramref name="time"/>. The wait is always withdrawn before
    /// this returns, so no abandoned waiter can swallow a later notification.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, Task? alsoWakeOn, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var wait = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_pending)
            {
                _pending = false;
                return;
            }

            _waits.Add(wait);
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, time, linked.Token);
            await (alsoWakeOn is null ? Task.WhenAny(delay, wait.Task) : Task.WhenAny(delay, wait.Task, alsoWakeOn));
            // Cancel, not CancelAsync: withdrawing the timer is a few microseconds inline, where
            // CancelAsync queues it to the thread pool and the waker waits its turn there again (on a
            // busy gateway, milliseconds on every wake-up of a worker).
#pragma warning disable CA1849 // The synchronous call is the point; see above.
            linked.Cancel();
#pragma warning restore CA1849
        }
        finally
        {
            // Gone already when a notification woke it; else withdrawn here, so the next one is kept as pending.
            lock (_gate)
            {
                _waits.Remove(wait);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Passes every <see cref="Notify"/> on to the other nodes (see <see cref="ClusterWakeUps"/>).</summary>
    public void RelayTo(Action relay) => _relay = relay;
}
