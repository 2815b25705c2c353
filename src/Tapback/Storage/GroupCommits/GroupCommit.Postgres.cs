using System.Data.Common;
using Npgsql;

namespace Tapback.Storage.GroupCommits;

/// <summary>
/// The PostgreSQL side of the group commit. There every statement is a round trip made while the batch
/// holds the writers' lock (<see cref="Database.BeginWriteAsync"/>), so a batch's time is its round
/// trips, and each one is a wake-up of the writer:
/// <list type="bullet">
/// <item>The writer runs on a thread of its own, and the batch's own statements (begin and lock,
/// savepoints, the units' <see cref="PreparedStatements"/>, commit) run synchronously on it: the answer
/// wakes that thread, where async I/O passes it through the socket engine and then the thread pool's
/// queue, behind every request waiting there. Whatever a unit still awaits (a Dapper call) comes back
/// to the same thread (<see cref="WriterSynchronizationContext"/>).</item>
/// <item>When a batch runs again with a savepoint per unit (one of its units threw), a unit's savepoint is
/// released in the same round trip that opens the next unit's, and the last one is never released on
/// its own (COMMIT ends it with the rest): one round trip per unit, not two.</item>
/// </list>
/// </summary>
internal sealed partial class GroupCommit
{
    private Task StartPostgresWriter()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                WriterSynchronizationContext.Run(WriteLoopAsync);
                stopped.TrySetResult();
            }
            catch (Exception exception)
            {
                stopped.TrySetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = "Tapback group commit",
        };
        thread.Start();
        return stopped.Task;
    }

    // The next batch's transaction, begun with the writers' lock before the batch was formed.
    private NpgsqlTransaction? _lockedAhead;

    /// <summary>
    /// PostgreSQL: takes the writers' lock before taking the units waiting, so those that arrive while
    /// another node holds it join this batch. A batch's round trips are nearly the same whatever its size
    /// (GroupCommit.Interleaved.cs), so with several nodes taking turns, each turn stores all it can.
    /// </summary>
    private async Task LockAheadAsync()
    {
        if (!database.IsPostgres)
        {
            return;
        }

        try
        {
            var connection = (NpgsqlConnection)await WriterConnectionAsync(_stopping.Token);
            await KeepWriterConnectionAsync(connection);
            _lockedAhead = Database.BeginPostgresWriteOnOwnThread(connection);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The batch begins its own transaction, on a new connection, and fails or succeeds as it would have.
            LogLockAheadFailed(logger, exception);
            await ForgetWriterAsync();
        }
    }

    private NpgsqlTransaction? TakeLockAhead()
    {
        var transaction = _lockedAhead;
        _lockedAhead = null;
        return transaction;
    }

    /// <summary>No unit was left to run (each withdrawn): the lock goes back at once.</summary>
    private void DropLockAhead()
    {
        if (TakeLockAhead() is not { } transaction)
        {
            return;
        }

        try
        {
            transaction.Rollback();
        }
        catch (Exception exception)
        {
            // A connection that cannot roll back is not trusted with the next batch.
            LogLockAheadFailed(logger, exception);
            _writerConnection?.Dispose();
            _writerConnection = null;
            _prepared?.Dispose();
            _prepared = null;
        }
        finally
        {
            transaction.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The group commit could not take the writers' lock ahead of its batch; the batch begins its own transaction.")]
    private static partial void LogLockAheadFailed(ILogger logger, Exception exception);

    private static Task StartPostgresUnitAsync(NpgsqlConnection connection, DbTransaction transaction, bool first, CancellationToken cancellationToken)
    {
        // A savepoint left open by the unit before (done, or rolled back to) is released here: both
        // statements go in one message, and PostgreSQL runs them in order.
        using var command = new NpgsqlCommand(first ? "SAVEPOINT unit" : "RELEASE unit; SAVEPOINT unit", connection, (NpgsqlTransaction)transaction);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    private static Task UndoPostgresUnitAsync(NpgsqlConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // ROLLBACK TO keeps the savepoint: the next unit's start (or COMMIT) releases it, with nothing in it.
        using var command = new NpgsqlCommand("ROLLBACK TO unit", connection, (NpgsqlTransaction)transaction);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    private static async ValueTask<DbTransaction> BeginBatchAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is NpgsqlConnection postgres
            ? Database.BeginPostgresWriteOnOwnThread(postgres)
            : await Database.BeginWriteAsync(connection, cancellationToken);

    private static Task RollbackAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (transaction is NpgsqlTransaction postgres)
        {
            postgres.Rollback();
            return Task.CompletedTask;
        }

        return transaction.RollbackAsync(cancellationToken);
    }

    private static Task CommitAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (transaction is NpgsqlTransaction postgres)
        {
            postgres.Commit();
            return Task.CompletedTask;
        }

        return transaction.CommitAsync(cancellationToken);
    }
}
