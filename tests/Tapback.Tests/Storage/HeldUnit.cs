using Tapback.Storage.GroupCommits;

namespace Tapback.Tests.Storage;

/// <summary>
/// A group-commit unit that waits, inside the batch's transaction, until the test lets it go. Queued
/// first, it holds the writer so the units queued behind it meet in the next batch; queued last, it
/// holds that batch open before its COMMIT.
/// </summary>
internal sealed class HeldUnit
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldUnit(GroupCommit groupCommit)
    {
        Completion = groupCommit.WriteAsync(async (_, _, _) =>
        {
            _started.TrySetResult();
            await _released.Task;
            return true;
        });
    }

    public Task<bool> Completion { get; }

    /// <summary>Waits (real time, bounded) until the writer is running this unit.</summary>
    public Task StartedAsync() => _started.Task.WaitAsync(TimeSpan.FromSeconds(20));

    public void Release() => _released.TrySetResult();
}
