using System.Runtime.InteropServices;
using SQLitePCL;

namespace Tapback.Storage.Connections;

/// <summary>
/// SQLite's C API where SQLitePCLRaw has no wrapper: <c>sqlite3_txn_state</c> (SQLite 3.34) and <c>sqlite3_db_mutex</c>, from the
/// same e_sqlite3 library SQLitePCLRaw's provider loads. (Its <c>sqlite3_next_stmt</c>, the other way
/// to see a statement still stepping, works only once a connection opted into tracking every statement.)
/// </summary>
internal static class SqliteNative
{
    private const int TransactionNone = 0;

    /// <summary>True when the connection holds neither a read nor a write transaction.</summary>
    public static bool HoldsNoTransaction(sqlite3 handle) => TransactionState(handle.DangerousGetHandle(), IntPtr.Zero) == TransactionNone;

    /// <summary>
    /// True when the connection has a mutex of its own (serialized mode); false in multi-thread mode
    /// (<see cref="SqliteLibrary"/>), where SQLite leaves serializing its use to the caller.
    /// </summary>
    public static bool HasOwnMutex(sqlite3 handle) => ConnectionMutex(handle.DangerousGetHandle()) != IntPtr.Zero;

    // DllImport, not LibraryImport: the arguments are blittable, so no marshalling stub is generated
    // either way, and LibraryImport would make the project allow unsafe code for this one call.
#pragma warning disable SYSLIB1054
    [DllImport("e_sqlite3", EntryPoint = "sqlite3_txn_state")]
    private static extern int TransactionState(IntPtr database, IntPtr schema);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_db_mutex")]
    private static extern IntPtr ConnectionMutex(IntPtr database);
#pragma warning restore SYSLIB1054
}
