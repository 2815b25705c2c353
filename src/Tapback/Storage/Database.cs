using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Tapback.Storage.Connections;

namespace Tapback.Storage;

/// <summary>
/// Hands out open connections to the store: SQLite (one node) or PostgreSQL (one node or several).
/// Features write plain SQL with Dapper; the SQL is kept portable (ON CONFLICT, RETURNING, integer
/// epoch-millisecond times, TRUE/FALSE for booleans) so both dialects run the same statement.
/// </summary>
internal sealed class Database : IAsyncDisposable
{
    private static readonly object Configured = new();

    private readonly NpgsqlDataSource? _postgres;
    private readonly SqliteConnectionPool? _sqlite;
    private readonly string _sqlitePragmas = "";

    // Native SQLite connections already given the PRAGMAs below; weak, so a closed one is forgotten.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

    public Database(IOptions<StorageOptions> options)
    {
        var storage = options.Value;
        if (storage.IsPostgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
            PreparePostgresStatements(builder, storage.ConnectionString!);
            ConnectionString = builder.ConnectionString;
            _postgres = NpgsqlDataSource.Create(ConnectionString);
            Description = $"PostgreSQL {builder.Database} on {builder.Host}:{builder.Port}";
            return;
        }

        // Before any connection opens: multi-thread mode without memory statistics (SqliteLibrary).
        SqliteLibrary.Configure();
        CreateOwnerOnly(storage.DatabasePath);
        // Writers queue on SQLite's lock for up to the busy timeout instead of failing at once with
        // SQLITE_BUSY; past it, StoreBusyExceptionHandler answers the request 503. Both SQLite's busy
        // handler and Microsoft.Data.Sqlite's command retry wait (the latter in whole seconds, where 0 is forever).
        var busyMilliseconds = (long)Math.Max(1, storage.BusyTimeout.TotalMilliseconds);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = storage.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Max(1, Math.Ceiling(busyMilliseconds / 1000.0)),
        }.ToString();
        _sqlitePragmas = $"PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = {storage.WalSizeLimitBytes};";
        Description = $"SQLite at {storage.DatabasePath}";
        _sqlite = new SqliteConnectionPool(ConnectionString, ConfigureAsync);
    }

    public string ConnectionString { get; }

    // Statements Npgsql prepares on each physical connection after a few uses, unless the connection
    // string says otherwise. Every statement Tapback runs is one of a fixed set of texts, and an
    // inbound event is about ten of them run one after another under the writers' lock: preparing
    // them skips PostgreSQL's parse and plan for each (docs/benchmarks.md, "PostgreSQL ingest").
    internal const int AutoPrepared = 128;
    internal const int AutoPrepareAfterUses = 2;

    private static void PreparePostgresStatements(NpgsqlConnectionStringBuilder builder, string given)
    {
        // Npgsql's builder answers every keyword it knows as present; the operator's own string says
        // which ones were written (in any spelling Npgsql accepts: spaces and case vary).
        var written = new DbConnectionStringBuilder { ConnectionString = given }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!written.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPrepared;
        }

        if (!written.Contains("AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = AutoPrepareAfterUses;
        }

        // Npgsql resets a pooled connection's session before its next use (CLOSE ALL, UNLISTEN *,
        // pg_advisory_unlock_all(), DISCARD SEQUENCES, DISCARD TEMP, sent with the first command): on the
        // ingest bench those were 7 of the ~18 statements PostgreSQL ran per event. Tapback leaves no
        // session state on a connection it gives back: its locks are transaction-scoped
        // (pg_advisory_xact_lock), it sets nothing for the session and makes no temporary tables; the
        // migrator's session lock is released in its finally, and the cluster listener undoes its LISTEN
        // before its connection goes back (ClusterWakeUps).
        if (!written.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
    }

    // SQLite makes the -wal and -shm files with the database file's mode, so a file made owner-only
    // before SQLite first opens it keeps all three private; an older install's files are narrowed.
    private static void CreateOwnerOnly(string databasePath)
    {
        DataDirectory.CreateFolder(Path.GetDirectoryName(databasePath)!);
        if (!File.Exists(databasePath))
        {
            try
            {
                using (new FileStream(databasePath, DataDirectory.NewFile()))
                {
                }
            }
            catch (IOException) when (File.Exists(databasePath))
            {
                // Another process on this data directory made it first.
            }
        }

        foreach (var suffix in (string[])["", "-wal", "-shm", "-journal"])
        {
            DataDirectory.Restrict(databasePath + suffix);
        }
    }

    /// <summary>True on PostgreSQL: several nodes may share the store, so nothing may assume it is alone.</summary>
    public bool IsPostgres => _postgres is not null;

    /// <summary>One line for start-up logs and the dashboard.</summary>
    public string Description { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        return await _sqlite!.OpenAsync(cancellationToken);
    }

    /// <summary>
    /// A connection for an owner that keeps it (the group commit's writer): on SQLite outside the pool
    /// of <see cref="OpenAsync"/>, so disposing it closes it for good (a writer that failed a batch is
    /// not trusted with the next one), with its Dapper statements kept as a pooled one's are.
    /// </summary>
    public async Task<DbConnection> OpenOwnAsync(CancellationToken cancellationToken = default) =>
        _postgres is not null
            ? await _postgres.OpenConnectionAsync(cancellationToken)
            : await _sqlite!.OpenOwnAsync(cancellationToken);

    private async Task ConfigureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // These settings belong to the native connection, which Microsoft.Data.Sqlite's pool keeps
        // open between uses: set them when it is new, not on every open (three statements per event).
        var handle = connection.Handle!;
        if (!_configured.TryGetValue(handle, out _))
        {
            await using var pragmas = connection.CreateCommand();
            // WAL lets readers run beside the single writer; NORMAL is durable across process
            // crashes (the risk it takes is a power loss, not a SIGKILL).
            pragmas.CommandText = _sqlitePragmas;
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            _configured.AddOrUpdate(handle, Configured);
        }
    }

    /// <summary>
    /// Begins a write transaction that runs alone among writers, on both stores. SQLite: BEGIN
    /// IMMEDIATE takes the write lock at once, so two writers never deadlock upgrading a read lock.
    /// PostgreSQL: READ COMMITTED plus a transaction-scoped advisory lock shared by every writer of
    /// every node. Every feature's read-then-write was written against SQLite's one-writer-at-a-time
    /// rule; the lock keeps that rule on PostgreSQL instead of auditing each statement for races or
    /// retrying serialization failures. Readers never take it, writes are short (milliseconds), and
    /// a node that dies mid-transaction loses its connection and with it the lock.
    /// </summary>
    public static async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        if (connection is not NpgsqlConnection postgres)
        {
            return ((SqliteConnection)connection).BeginTransaction(deferred: false);
        }

        var transaction = await postgres.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            await using var command = LockWrites(postgres, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// <see cref="BeginWriteAsync"/> on PostgreSQL without async I/O: for the group commit's writer,
    /// which runs on a thread of its own (never on a thread-pool thread, which this would block).
    /// </summary>
    public static NpgsqlTransaction BeginPostgresWriteOnOwnThread(NpgsqlConnection connection)
    {
        var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
        try
        {
            using var command = LockWrites(connection, transaction);
            command.ExecuteNonQuery();
            return transaction;
        }
        catch
        {
            transaction.Dispose();
            throw;
        }
    }

    private static NpgsqlCommand LockWrites(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", AdvisoryLocks.Writes);
        return command;
    }

    /// <summary>
    /// Begins a transaction that only takes or gives back leases (a claim of queued work, its release).
    /// SQLite: the same as <see cref="BeginWriteAsync"/>. PostgreSQL: READ COMMITTED without the
    /// writers' lock, because a claim locks the one row that stands for its conversation (the head row,
    /// <see cref="SqlDialect.ForUpdateSkipLocked"/>) and re-checks its lease on the row's newest
    /// version, so two nodes never lease one conversation, and claims of different conversations no
    /// longer queue behind every other write of the cluster (measured in docs/deploy.md). A claim
    /// must not insert rows whose order readers rely on (sequence numbers): those stay under the lock.
    /// </summary>
    public static async ValueTask<DbTransaction> BeginClaimAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        connection is NpgsqlConnection postgres
            ? await postgres.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken)
            : await BeginWriteAsync(connection, cancellationToken);

    /// <summary>The synchronous form of <see cref="BeginWriteAsync"/>; prefer that one.</summary>
    public static DbTransaction BeginWrite(DbConnection connection) =>
        BeginWriteAsync(connection).AsTask().GetAwaiter().GetResult();

    public ValueTask DisposeAsync()
    {
        _sqlite?.Dispose();
        return _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
