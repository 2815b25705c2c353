namespace Tapback.Storage.GroupCommits;

/// <summary>
/// A gap between the writer's batches, for work that must not overlap a write transaction and must
/// not make the writer sleep in SQLite's busy handler either: the WAL checkpointer's restart of the
/// log (<see cref="Wal.WalCheckpointer"/>). While it runs, units queue and form the next, larger batch.
/// </summary>
internal sealed partial class GroupCommit
{
    private readonly SemaphoreSlim _batchGate = new(1, 1);

    /// <summary>Runs <paramref name="work"/> while no batch of this writer runs; the next batch waits for it.</summary>
    internal async Task<T> BetweenBatchesAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await _batchGate.WaitAsync(cancellationToken);
        try
        {
            return await work(cancellationToken);
        }
        finally
        {
            _batchGate.Release();
        }
    }
}
