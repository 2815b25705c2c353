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

    /// <summary>
    /// "is one of this list" in one SQL text whatever the list's length, for a hot read: Dapper's
    /// expansion of <c>IN @list</c> on SQLite makes a new text for every length, which no kept
    /// statement serves (each is compiled again). SQLite reads the list as a JSON array
    /// (<c>json_each</c>), PostgreSQL as an array; pass the parameter's value as <see cref="ListValue"/>.
    /// </summary>
    public static string InListOneText(DbConnection connection, string parameter) =>
        connection is NpgsqlConnection ? $"= ANY({parameter})" : $"IN (SELECT value FROM json_each({parameter}))";

    /// <summary>The value of an <see cref="InListOneText"/> parameter: the array on PostgreSQL, a JSON array of strings on SQLite.</summary>
    public static object ListValue(DbConnection connection, IReadOnlyCollection<string> values)
    {
        if (connection is NpgsqlConnection)
        {
            return values as string[] ?? [.. values];
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

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
