namespace Tapback.Diagnostics;

/// <summary>
/// One built-in turn for <c>tapback.agent.turns</c>: disposed without <see cref="Complete"/> it counts
/// as failed, or as cancelled when the node was stopping, so the worker needs no extra catch for it.
/// </summary>
internal sealed class TurnScope(TapbackMetrics metrics, CancellationToken cancellationToken) : IDisposable
{
    private bool _completed;

    public void Complete() => _completed = true;

    public void Dispose() => metrics.TurnEnded(
        _completed ? TurnResults.Completed : cancellationToken.IsCancellationRequested ? TurnResults.Cancelled : TurnResults.Failed);
}
