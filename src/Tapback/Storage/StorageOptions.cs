namespace Tapback.Storage;

/// <summary>
/// Where Tapback keeps its state: <c>Tapback:DataDirectory</c>, <c>Tapback:Storage</c> and, for
/// PostgreSQL, <c>ConnectionStrings:Tapback</c>.
/// </summary>
internal sealed class StorageOptions
{
    /// <summary>The folder of the SQLite file and of stored attachments.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary><c>sqlite</c> (the default, one node) or <c>postgres</c> (one node or several).</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>The PostgreSQL connection string (<c>ConnectionStrings:Tapback</c>); unused for SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQLite: how long a write waits for the file's write lock before its request is answered 503
    /// with Retry-After (another process holding the lock, a stalled disk). PostgreSQL's wait is the
    /// connection string's <c>Command Timeout</c> (Npgsql's default: 30 seconds).
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SQLite: the size the write-ahead log is held to. The checkpointer restarts the log once 1,000
    /// pages (or half of this, if less) are in use, and <c>journal_size_limit</c> cuts the file back to
    /// it after a restart.
    /// </summary>
    public long WalSizeLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>SQLite: how often the checkpointer copies the write-ahead log into the database file.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    public bool IsPostgres => string.Equals(Provider, StorageProviders.Postgres, StringComparison.OrdinalIgnoreCase);

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "tapback.db");

    public string AttachmentsDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "attachments");
}
