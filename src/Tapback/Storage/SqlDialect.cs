using System.Data.Common;
using Npgsql;

namespace Tapback.Storage;

/// <summary>The few fragments of SQL that cannot be written once for SQLite and PostgreSQL.</summary>
internal static class SqlDialect
{
    /// <summary>
    /// "is one of this list": Dapper expands <c>IN @list</c> into one parameter per item on SQLite,
    /// but hands Npgsql the whole array as one parameter, which PostgreSQL compares with <c>= ANY</c>.
    /// Write <c>$"WHERE seq {SqlDialect.InList(connection, "@seqs")}"</c>.
    /// </summary>
    public static string InList(DbConnection connection, string parameter) => InList(connection is NpgsqlConnection, parameter);

    /// <summary>As <see cref="InList(DbConnection, string)"/>, for SQL written before its connection is known (a group-commit statement).</summary>
    public static string InList(bool postgres, string parameter) =>
        postgres ? $"= ANY({parameter})" : $"IN {parameter}";

    /// <summary>
    /// The row-locking clause of a claim's head-row query: on PostgreSQL the query locks the row it
    /// picks and passes over rows another node's claim holds at that moment, so claims of different
    /// conversations run side by side; SQLite has no row locks (its writer runs alone) and gets nothing.
    /// </summary>
    public static string ForUpdateSkipLocked(DbConnection connection, string table) =>
        connection is NpgsqlConnection ? $"FOR UPDATE OF {table} SKIP LOCKED" : string.Empty;

    /// <summary>
    /// Names the index a SQLite query must read (<c>INDEXED BY</c>), for the rare query its planner gets
    /// wrong without statistics (Tapback never runs ANALYZE); a missing index then fails the statement
    /// instead of silently scanning. PostgreSQL plans from the statistics autovacuum keeps and gets nothing.
    /// </summary>
    public static string IndexedBy(DbConnection connection, string index) =>
        connection is NpgsqlConnection ? string.Empty : $"INDEXED BY {index}";
}
