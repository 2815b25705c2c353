using System.Data.Common;

namespace Tapback.Storage.GroupCommits;

/// <summary>A <see cref="GroupCommitUnit"/> whose work returns a <typeparamref name="T"/> to its caller.</summary>
internal sealed partial class GroupCommitUnit<T> : GroupCommitUnit
{
    private readonly Func<DbConnection, DbTransaction, CancellationToken, Task<T>> _work;
    private readonly Action<T>? _afterCommit;

    // Continuations run on the thread pool, never inline on the writer, so one slow caller cannot stall a batch.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _cancellation;
    private T? _result;

    public GroupCommitUnit(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, Action<T>? afterCommit, CancellationToken cancellationToken)
    {
        _work = work;
        _afterCommit = afterCommit;
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(() =>
            {
                if (TryWithdraw())
                {
                    _completion.TrySetCanceled(cancellationToken);
                }
            });
        }
    }

    public Task<T> Task => _completion.Task;

    public override async Task RunAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        _result = await _work(connection, transaction, cancellationToken);

    public override void Complete(ILogger logger)
    {
        _cancellation.Dispose();
        try
        {
            _afterCommit?.Invoke(_result!);
        }
        catch (Exception exception)
        {
            // Stored is stored: a fan-out that throws must not turn a committed write into an error.
            LogAfterCommitFailed(logger, exception);
        }

        _completion.TrySetResult(_result!);
    }

    public override void Fail(Exception exception)
    {
        _cancellation.Dispose();
        _completion.TrySetException(exception);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An after-commit step threw; the write itself is committed.")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception exception);
}
