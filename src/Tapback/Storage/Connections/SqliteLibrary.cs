using SQLitePCL;

namespace Tapback.Storage.Connections;

/// <summary>
/// SQLite's process-wide settings, made once before the first connection opens (sqlite3_config is
/// refused once the library has initialized, which its first open does).
/// <para>
/// e_sqlite3 is built serialized: every API call (each bind, step, column, reset) takes and gives back
/// the connection's mutex, and with memory statistics on every allocation takes a global one; in a
/// profile of ingest at 64 connections the pthread mutex calls were 5 % of Tapback's CPU
/// (docs/benchmarks.md, "SQLite ingest, third pass").
/// </para>
/// <para>
/// Multi-thread mode drops the per-connection mutex and keeps the library's global ones. It is safe
/// when no two threads use one connection at the same moment, which is how Tapback uses every
/// connection: a pooled one (<see cref="SqliteConnectionPool"/>, and Microsoft.Data.Sqlite's own pool
/// under it) belongs to the one caller that opened it until that caller gives it back, and an async
/// caller's calls follow one another even when they resume on another thread; the group commit's
/// writer connection is used only by its write loop, one batch at a time, and the statements a unit
/// "starts together" on SQLite each run to completion when started (SQLite's ADO.NET calls are
/// synchronous); the WAL checkpointer's connection is its loop's alone (the restart it runs between
/// the writer's batches runs on that connection while the writer waits). No code calls
/// sqlite3_interrupt from another thread, and every command, reader and kept statement is disposed by
/// the code holding its connection (using, Dapper), so no statement is finalized from the GC's
/// finalizer thread while its connection is in use.
/// </para>
/// </summary>
internal static class SqliteLibrary
{
    private const int ConfigMultiThread = 2;  // SQLITE_CONFIG_MULTITHREAD
    private const int ConfigMemStatus = 9;    // SQLITE_CONFIG_MEMSTATUS

    private static readonly Lazy<bool> Configured = new(ConfigureOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// True when this process runs SQLite in multi-thread mode without memory statistics; false when
    /// the library had already initialized before the first call (another component opened SQLite
    /// first), in which case it stays serialized, which is only slower.
    /// </summary>
    public static bool Configure() => Configured.Value;

    private static bool ConfigureOnce()
    {
        // Sets SQLitePCLRaw's provider (idempotent) without initializing the library.
        Batteries_V2.Init();
        var threading = raw.sqlite3_config(ConfigMultiThread);
        var statistics = raw.sqlite3_config(ConfigMemStatus, 0);
        return threading == raw.SQLITE_OK && statistics == raw.SQLITE_OK;
    }
}
