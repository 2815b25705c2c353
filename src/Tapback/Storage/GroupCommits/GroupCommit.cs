using System.Data.Common;
using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tapback.Storage.GroupCommits;

/// <summary>
/// Group commit for short write units (an inbound event, a phone-log line): one writer takes every
/// unit waiting at that moment and runs them in one write transaction, and completes each caller only
/// after COMMIT. A unit that throws fails only its own caller; the others commit (the batch is rolled
/// back and run again with a SAVEPOINT per unit, which undoes that unit alone). Units run in the order they were handed in, so
/// events of one conversation keep their order. SQLite has one writer and PostgreSQL writers queue on
/// one advisory lock (<see cref="Database.BeginWriteAsync"/>), so a transaction per unit made each
/// event pay a whole commit and a lock hand-over; a batch pays them once.
/// </summary>
internal sealed partial class GroupCommit(Database database, ILogger<GroupCommit> logger) : IAsyncDisposable
{
    // Bounds how long the first unit of a batch waits for the last; 128 events commit in milliseconds.
    internal const int MaxBatch = 128;

    private readonly Channel<GroupCommitUnit> _queue = Channel.CreateUnbounded<GroupCommitUnit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startGate = new();
    private Task? _writer;
    private int _waiting;

    // Touched only by the write loop.
    private DbConnection? _writerConnection;
    private PreparedStatements? _prepared;

    /// <summary>Units handed in and not yet taken by the writer: how a test knows a write is queued behind another.</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// Runs <paramref name="work"/> inside a write transaction shared with other callers and returns
    /// its result once that transaction has committed. The work must not commit or roll back the
    /// transaction itself (throw to undo it), and must not open another write connection. It may run
    /// twice: when another unit of its batch throws, the batch is rolled back and run again with a
    /// savepoint per unit, so keep its effects inside the transaction (anything else it does must bear
    /// repeating, as a log line or a wake-up does). <paramref name="afterCommit"/> runs on the writer, in unit order, after
    /// COMMIT and before the caller resumes: for in-memory fan-out that must keep the store's order.
    /// Cancelling only withdraws a unit that has not started; one already running commits or fails
    /// with its batch.
    /// </summary>
    public Task<T> WriteAsync<T>(
        Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work,
        Action<T>? afterCommit = null,
        CancellationToken cancellationToken = default) =>
        WriteAsync(work, afterCommit, orderedBy: null, cancellationToken);

    /// <summary>
    /// As <see cref="WriteAsync{T}(Func{DbConnection, DbTransaction, CancellationToken, Task{T}}, Action{T}?, CancellationToken)"/>,
    /// for a unit whose writes touch only what <paramref name="orderedBy"/> names (keys such as a
    /// conversation, a sender, an event id, each prefixed by its kind), or anything when null. On
    /// PostgreSQL the units of a batch that share no key run side by side, their statements sent to
    /// the server together; units sharing a key keep the order they were handed in. The unit's
    /// statements must go through <see cref="PreparedStatements"/> to be sent together (any other
    /// statement still runs, alone).
    /// </summary>
    public Task<T> WriteAsync<T>(
        Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work,
        Action<T>? afterCommit,
        IReadOnlyList<string>? orderedBy,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var unit = new GroupCommitUnit<T>(work, afterCommit, cancellationToken) { OrderedBy = orderedBy };
        EnsureWriter();
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(unit))
        {
            Interlocked.Decrement(ref _waiting);
            throw new ObjectDisposedException(nameof(GroupCommit), "The store is shutting down; no more writes are taken.");
        }

        return unit.Task;
    }

    /// <summary>
    /// On SQLite, <see cref="WriteAsync{T}"/>; on PostgreSQL, a write transaction of its own, as such
    /// writes were before they joined the group commit on SQLite (where the gain is not waiting in
    /// SQLite's sleeping busy handler). PostgreSQL keeps the behaviour its several-node tests measured.
    /// </summary>
    public Task<T> WriteOnSqliteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        OnSqliteOrOwnTransactionAsync(work, Database.BeginWriteAsync, cancellationToken);

    /// <summary>On SQLite a unit of <see cref="WriteAsync{T}"/>; on PostgreSQL <paramref name="work"/> in a transaction of its own, begun by <paramref name="begin"/>.</summary>
    private async Task<T> OnSqliteOrOwnTransactionAsync<T>(
        Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work,
        Func<DbConnection, CancellationToken, ValueTask<DbTransaction>> begin,
        CancellationToken cancellationToken)
    {
        if (!database.IsPostgres)
        {
            return await WriteAsync(work, cancellationToken: cancellationToken);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await begin(connection, cancellationToken);
        var result = await work(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// One statement (returns the rows it changed): on SQLite a unit of <see cref="WriteAsync"/>; on
    /// PostgreSQL an autocommit statement of its own, whose row locks are all it needs. For the small
    /// writes of hot paths (a delivery's mark, an acknowledgement): a write of its own on SQLite waits
    /// in SQLite's sleeping busy handler while the group commit holds the lock, and under a steady
    /// inbound load can wait out the busy timeout.
    /// </summary>
    public async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken = default)
    {
        if (!database.IsPostgres)
        {
            return await WriteAsync(
                (connection, transaction, token) => connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: token)),
                cancellationToken: cancellationToken);
        }

        await using var postgres = await database.OpenAsync(cancellationToken);
        return await postgres.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            // Units already queued still run: their callers are waiting for an answer.
            await _writer;
        }

        await _stopping.CancelAsync();
        _stopping.Dispose();
        await ForgetWriterAsync();
    }

    private void EnsureWriter()
    {
        if (_writer is not null)
        {
            return;
        }

        lock (_startGate)
        {
            // Started on first use rather than as a hosted service, so writes made while the host is
            // still starting (migrations, seeding) are not stuck behind a loop that has not begun.
            _writer ??= database.IsPostgres ? StartPostgresWriter() : Task.Run(WriteLoopAsync);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<GroupCommitUnit>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            await LockAheadAsync();
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var unit))
            {
                Interlocked.Decrement(ref _waiting);
                if (unit.TryClaim())
                {
                    batch.Add(unit);
                }
            }

            if (batch.Count == 0)
            {
                DropLockAhead();
            }
            else
            {
                await _batchGate.WaitAsync();
                try
                {
                    await RunBatchAsync(batch, _stopping.Token);
                }
                finally
                {
                    _batchGate.Release();
                }
            }
        }
    }

    private async Task RunBatchAsync(List<GroupCommitUnit> batch, CancellationToken cancellationToken)
    {
        // Units nearly never fail, so a batch first runs without a savepoint per unit (two statements
        // and a journal of every page the unit touches, each time). When one does fail, that attempt is
        // rolled back whole and the batch runs again with a savepoint per unit, which fails that unit alone.
        if (batch.Count > 1 && await TryRunWithoutSavepointsAsync(batch, cancellationToken))
        {
            return;
        }

        await RunWithSavepointsAsync(batch, cancellationToken);
    }

    /// <summary>
    /// Runs every unit in one transaction without savepoints and commits. False when a unit threw:
    /// nothing of the batch is stored and no caller was answered, so the batch can run again. On
    /// PostgreSQL the units run side by side (GroupCommit.Interleaved.cs).
    /// </summary>
    private async Task<bool> TryRunWithoutSavepointsAsync(List<GroupCommitUnit> batch, CancellationToken cancellationToken)
    {
        var connection = await WriterConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = TakeLockAhead() ?? await BeginBatchAsync(connection, cancellationToken);
            var failure = connection is NpgsqlConnection postgres
                ? await InterleaveAsync(batch, postgres, (NpgsqlTransaction)transaction, cancellationToken)
                : await RunEachAsync(batch, connection, transaction, cancellationToken);
            if (failure is not null)
            {
                if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw failure;
                }

                LogBatchRetried(logger, failure, batch.Count);
                await RollbackAsync(transaction, cancellationToken);
                await KeepWriterConnectionAsync(connection);
                return false;
            }

            await CommitAsync(transaction, cancellationToken);
        }
        catch (Exception exception)
        {
            await FailBatchAsync(batch, connection, exception);
            return true;
        }

        await KeepWriterConnectionAsync(connection);
        foreach (var unit in batch)
        {
            unit.Complete(logger);
        }

        return true;
    }

    /// <summary>Runs the units one after another; returns the first failure, or null.</summary>
    private static async Task<Exception?> RunEachAsync(List<GroupCommitUnit> batch, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var unit in batch)
            {
                await unit.RunAsync(connection, transaction, cancellationToken);
            }

            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private async Task RunWithSavepointsAsync(List<GroupCommitUnit> batch, CancellationToken cancellationToken)
    {
        var committed = new List<GroupCommitUnit>(batch.Count);
        var connection = await WriterConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = TakeLockAhead() ?? await BeginBatchAsync(connection, cancellationToken);

            // A batch of one needs no savepoint: its failure is the whole transaction's. The savepoint
            // SQL stays prepared like the units' own (SqliteTransaction.Save compiles it every time).
            var savepoints = batch.Count > 1;
            for (var index = 0; index < batch.Count; index++)
            {
                var unit = batch[index];
                if (savepoints)
                {
                    await StartUnitAsync(connection, transaction, first: index == 0, cancellationToken);
                }

                try
                {
                    await unit.RunAsync(connection, transaction, cancellationToken);
                }
                catch (Exception exception) when (savepoints)
                {
                    await UndoUnitAsync(connection, transaction, cancellationToken);
                    LogUnitFailed(logger, exception);
                    unit.Fail(exception);
                    continue;
                }

                if (savepoints)
                {
                    await EndUnitAsync(connection, transaction, cancellationToken);
                }

                committed.Add(unit);
            }

            if (committed.Count > 0)
            {
                await CommitAsync(transaction, cancellationToken);
            }
        }
        catch (Exception exception)
        {
            await FailBatchAsync(batch, connection, exception);
            return;
        }

        await KeepWriterConnectionAsync(connection);
        foreach (var unit in committed)
        {
            unit.Complete(logger);
        }
    }

    private async Task<DbConnection> WriterConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = _writerConnection ?? await database.OpenOwnAsync(cancellationToken);
        if (_prepared is null)
        {
            _prepared = PreparedStatements.Attach(connection, synchronous: connection is NpgsqlConnection);
            if (connection is SqliteConnection sqlite)
            {
                Wal.WalCheckpointer.TakeCheckpointsOff(sqlite);
            }
        }
        return connection;
    }

    // The writer keeps its connection. SQLite: its page cache stays warm, where a pooled connection
    // drops its cache whenever another one has written since it last ran. Both: the commands kept
    // prepared on it (PreparedStatements) live as long as it does.
    private ValueTask KeepWriterConnectionAsync(DbConnection connection)
    {
        _writerConnection = connection;
        return ValueTask.CompletedTask;
    }

    /// <summary>The transaction did not commit: nothing of any unit is stored, so every caller still waiting hears the failure.</summary>
    private async Task FailBatchAsync(List<GroupCommitUnit> batch, DbConnection connection, Exception exception)
    {
        // A connection that failed a batch is not trusted with the next one.
        _writerConnection = connection;
        await ForgetWriterAsync();

        // One already failed keeps its own failure.
        LogBatchFailed(logger, exception, batch.Count);
        foreach (var unit in batch)
        {
            unit.Fail(exception);
        }
    }

    // SQLite: each unit in a savepoint of its own, released when the unit is done. PostgreSQL does it
    // in fewer round trips (GroupCommit.Postgres.cs).
    private static Task StartUnitAsync(DbConnection connection, DbTransaction transaction, bool first, CancellationToken cancellationToken) =>
        connection is NpgsqlConnection postgres
            ? StartPostgresUnitAsync(postgres, transaction, first, cancellationToken)
            : PreparedStatements.ExecuteAsync(connection, transaction, "SAVEPOINT unit", cancellationToken);

    private static Task EndUnitAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection is NpgsqlConnection
            ? Task.CompletedTask
            : PreparedStatements.ExecuteAsync(connection, transaction, "RELEASE unit", cancellationToken);

    private static async Task UndoUnitAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (connection is NpgsqlConnection postgres)
        {
            await UndoPostgresUnitAsync(postgres, transaction, cancellationToken);
            return;
        }

        await PreparedStatements.ExecuteAsync(connection, transaction, "ROLLBACK TO unit", cancellationToken);
        await PreparedStatements.ExecuteAsync(connection, transaction, "RELEASE unit", cancellationToken);
    }

    /// <summary>Drops the writer's connection and the statements prepared on it (they die with it).</summary>
    private async ValueTask ForgetWriterAsync()
    {
        _prepared?.Dispose();
        _prepared = null;
        if (_writerConnection is not null)
        {
            await _writerConnection.DisposeAsync();
            _writerConnection = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A write unit failed; it was rolled back to its savepoint and the rest of its batch went on.")]
    private static partial void LogUnitFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A unit of a group commit of {Count} write units failed; the batch was rolled back and runs again with a savepoint per unit.")]
    private static partial void LogBatchRetried(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} write units failed; none of them was stored and each caller was told.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
