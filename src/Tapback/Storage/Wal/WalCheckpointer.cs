using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Tapback.Storage.GroupCommits;

namespace Tapback.Storage.Wal;

/// <summary>
/// Keeps SQLite's write-ahead log small under a steady write load, off the group commit's writer.
/// With SQLite's own automatic checkpoint, the commit that crossed 1,000 pages copied the log into
/// the database and fsynced on the writer's thread, stalling every event behind it; and because the
/// writer never stopped, the copy never caught up with it, so the log was never restarted and the
/// file, never cut back, grew with the work (350 MiB at 100,000 conversations). Now the writer's
/// connection checkpoints nothing (<see cref="TakeCheckpointsOff"/>); this loop copies the log with
/// PASSIVE checkpoints (beside the writer, never waiting for it) every
/// <see cref="StorageOptions.CheckpointInterval"/> (sooner while the writer fills the log fast:
/// <see cref="NextWait"/>), and once 1,000 pages (or half of
/// <see cref="StorageOptions.WalSizeLimitBytes"/>, if less) are in use it restarts the log between two of the
/// writer's batches (<see cref="GroupCommit.BetweenBatchesAsync"/>), after which the next commit
/// reuses the file from its start and <c>journal_size_limit</c> cuts it back to the limit.
/// PostgreSQL keeps its own WAL; this does nothing there.
/// </summary>
internal sealed partial class WalCheckpointer(
    Database database,
    GroupCommit groupCommit,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<WalCheckpointer> logger) : BackgroundService
{
    // How long a restart waits for readers still on frames of the old log. Short: the writer is held
    // back meanwhile; a restart that cannot finish in time is tried again on the next round.
    private const int RestartBusyMilliseconds = 100;
    private const long RestartPages = 1000;

    // The shortest wait between rounds when the writer fills the log fast: each restart holds the writer
    // for a checkpoint's fsyncs, so at most about 20 a second.
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(50);

    private long _rounds;
    private long _restarts;

    /// <summary>Rounds finished (failed ones included): how a test knows the loop has looked since it wrote.</summary>
    internal long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>Restarts of the log that went through.</summary>
    internal long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>The group commit's writer leaves checkpoints to this service.</summary>
    public static void TakeCheckpointsOff(SqliteConnection writer)
    {
        using var command = writer.CreateCommand();
        // Belongs to the native connection: if the writer is ever replaced, the pool gets it back with
        // checkpoints off, which only means it leaves them to this service as well.
        command.CommandText = "PRAGMA wal_autocheckpoint = 0;";
        command.ExecuteNonQuery();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.IsPostgres)
        {
            return;
        }

        var storage = options.Value;
        var wait = storage.CheckpointInterval;
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                await Task.Delay(wait, time, stoppingToken);
                try
                {
                    connection ??= await OpenAsync(stoppingToken);
                    var logBytes = await CheckpointOnceAsync(connection, storage, stoppingToken);
                    wait = NextWait(storage, wait, logBytes);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // SQLite's own checkpoint on close, and the next round, still cover the log.
                    LogRoundFailed(logger, exception);
                    wait = storage.CheckpointInterval;
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }

                Interlocked.Increment(ref _rounds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The wait before the next round: <see cref="StorageOptions.CheckpointInterval"/>, or shorter when
    /// the writer filled the log faster than that, so the log is restarted at about a third of
    /// <see cref="StorageOptions.WalSizeLimitBytes"/> and the file is not past the limit, where a
    /// TRUNCATE (a round finding it past the limit) gave it back to the file system: the writer then
    /// wrote every WAL frame into newly allocated blocks and pages (ftruncate, block allocation and
    /// page-cache insertion cost about 8 % of Tapback's CPU at full-speed ingest, when the log grew
    /// by 70–200 MiB a second). A file restarted and kept is rewritten in place.
    /// </summary>
    internal static TimeSpan NextWait(StorageOptions storage, TimeSpan waited, long logBytes)
    {
        if (logBytes <= 0)
        {
            return storage.CheckpointInterval;
        }

        // The log took in about logBytes over the last wait (more, when the round before did not
        // restart it: then this errs short). Come back when it holds a third of the limit, which leaves
        // room for the rate to double before the next round finds it past the limit.
        var next = waited * (storage.WalSizeLimitBytes / 3.0 / logBytes);
        var shortest = storage.CheckpointInterval < ShortestWait ? storage.CheckpointInterval : ShortestWait;
        return next < shortest ? shortest : next > storage.CheckpointInterval ? storage.CheckpointInterval : next;
    }

    /// <summary>One round: copy what the log holds; restart it when too much of it is in use. Returns the bytes the log held.</summary>
    internal async Task<long> CheckpointOnceAsync(SqliteConnection connection, StorageOptions storage, CancellationToken cancellationToken)
    {
        var passive = await CheckpointAsync(connection, "PASSIVE", cancellationToken);
        if (passive.LogFrames <= 0)
        {
            return 0;
        }

        var pageSize = await PageSizeAsync(connection, cancellationToken);
        var walPath = storage.DatabasePath + "-wal";
        var fileBytes = File.Exists(walPath) ? new FileInfo(walPath).Length : 0;
        // Restart at SQLite's own automatic-checkpoint size (1,000 pages) or half the limit if that is
        // smaller: at most once a round, so the file holds about a round's writes, not the whole limit.
        var restartAt = Math.Min(storage.WalSizeLimitBytes / 2, RestartPages * pageSize);
        var logBytes = passive.LogFrames * pageSize;
        if (logBytes < restartAt && fileBytes <= storage.WalSizeLimitBytes)
        {
            return logBytes;
        }

        // TRUNCATE when the file is already past the limit (a restart alone leaves it until the
        // next commit); otherwise RESTART, which lets the writer reuse the file.
        var mode = fileBytes > storage.WalSizeLimitBytes ? "TRUNCATE" : "RESTART";
        var restart = await groupCommit.BetweenBatchesAsync(token => CheckpointAsync(connection, mode, token), cancellationToken);
        if (restart.Busy)
        {
            LogRestartBusy(logger, logBytes);
            return logBytes;
        }

        Interlocked.Increment(ref _restarts);
        return logBytes;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // Its own connection outside the pool, so its short busy timeout never reaches a request.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {RestartBusyMilliseconds}; PRAGMA journal_size_limit = {options.Value.WalSizeLimitBytes};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<CheckpointResult> CheckpointAsync(SqliteConnection connection, string mode, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new CheckpointResult(reader.GetInt32(0) != 0, reader.GetInt64(1), reader.GetInt64(2))
            : new CheckpointResult(false, -1, -1);
    }

    private static async Task<long> PageSizeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size;";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A row of <c>PRAGMA wal_checkpoint</c>: busy, frames in the log, frames copied (−1 when not in WAL mode).</summary>
    private readonly record struct CheckpointResult(bool Busy, long LogFrames, long CheckpointedFrames);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of the WAL checkpointer failed; the next one tries again.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The WAL ({Bytes} bytes in use) could not be restarted: a reader still used it. The next round tries again.")]
    private static partial void LogRestartBusy(ILogger logger, long bytes);
}
