namespace Tapback.Gateway;

/// <summary>A level-triggered wake-up: any number of <see cref="Notify"/> calls wake one pending wait.</summary>
internal abstract class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);
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
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the waiter will look at every row anyway.
        }
    }

    /// <summary>
    /// Waits for a notification, for <paramref name="alsoWakeOn"/> to complete, or until
    /// <paramref name="timeout"/> passes on <paramref name="time"/>. The wait is always withdrawn before
    /// this returns, so no abandoned waiter can swallow a later notification.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, Task? alsoWakeOn, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, linked.Token);
        var signal = _pending.WaitAsync(linked.Token);
        await (alsoWakeOn is null ? Task.WhenAny(delay, signal) : Task.WhenAny(delay, signal, alsoWakeOn));
        // Cancel, not CancelAsync: withdrawing the timer and the semaphore wait is a few microseconds
        // inline, where CancelAsync queues them to the thread pool and the waker waits its turn there
        // again (on a busy gateway, milliseconds on every wake-up of a worker).
#pragma warning disable CA1849 // The synchronous call is the point; see above.
        linked.Cancel();
#pragma warning restore CA1849
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Passes every <see cref="Notify"/> on to the other nodes (see <see cref="ClusterWakeUps"/>).</summary>
    public void RelayTo(Action relay) => _relay = relay;

    public void Dispose()
    {
        _pending.Dispose();
        GC.SuppressFinalize(this);
    }
}
