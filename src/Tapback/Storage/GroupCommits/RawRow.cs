using System.Collections;
using System.Data.Common;
using SQLitePCL;

namespace Tapback.Storage.GroupCommits;

/// <summary>
/// The current row of a <see cref="RawStatement"/> as the <see cref="DbDataReader"/> a row reader of
/// <see cref="PreparedStatements.QueryAsync{T}"/> expects: the getters those use, answered from the
/// statement's columns the way Microsoft.Data.Sqlite's reader answers them (a column's value converted
/// by SQLite; an integer as a boolean when not 0; NULL as <see cref="DBNull"/>). The statement's scalar
/// (<see cref="RawStatement.Run"/>) reads its value here too, so columns are read in one place. Only the row the
/// statement stands on: moving on is the statement's job, so <see cref="Read"/> and
/// <see cref="NextResult"/> are not offered.
/// </summary>
internal sealed class RawRow(sqlite3_stmt statement) : DbDataReader
{
    public override int FieldCount => raw.sqlite3_column_count(statement);

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override int Depth => 0;

    public override bool HasRows => true;

    public override bool IsClosed => false;

    public override int RecordsAffected => -1;

    public override bool IsDBNull(int ordinal) => raw.sqlite3_column_type(statement, ordinal) == raw.SQLITE_NULL;

    public override string GetString(int ordinal) => raw.sqlite3_column_text(statement, ordinal).utf8_to_string();

    public override long GetInt64(int ordinal) => raw.sqlite3_column_int64(statement, ordinal);

    public override int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    public override short GetInt16(int ordinal) => checked((short)GetInt64(ordinal));

    public override byte GetByte(int ordinal) => checked((byte)GetInt64(ordinal));

    public override bool GetBoolean(int ordinal) => GetInt64(ordinal) != 0;

    public override double GetDouble(int ordinal) => raw.sqlite3_column_double(statement, ordinal);

    public override float GetFloat(int ordinal) => (float)GetDouble(ordinal);

    public override decimal GetDecimal(int ordinal) => (decimal)GetDouble(ordinal);

    public override object GetValue(int ordinal) => raw.sqlite3_column_type(statement, ordinal) switch
    {
        raw.SQLITE_INTEGER => GetInt64(ordinal),
        raw.SQLITE_FLOAT => GetDouble(ordinal),
        raw.SQLITE_TEXT => GetString(ordinal),
        raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, ordinal).ToArray(),
        _ => DBNull.Value,
    };

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    public override string GetName(int ordinal) => raw.sqlite3_column_name(statement, ordinal).utf8_to_string();

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < FieldCount; i++)
        {
            if (string.Equals(GetName(i), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "The statement has no such column.");
    }

    public override Type GetFieldType(int ordinal) => GetValue(ordinal).GetType();

    public override string GetDataTypeName(int ordinal) => raw.sqlite3_column_decltype(statement, ordinal).utf8_to_string() ?? string.Empty;

    public override DateTime GetDateTime(int ordinal) => throw Unsupported();

    public override Guid GetGuid(int ordinal) => throw Unsupported();

    public override char GetChar(int ordinal) => throw Unsupported();

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw Unsupported();

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw Unsupported();

    public override bool NextResult() => throw Unsupported();

    public override bool Read() => throw Unsupported();

    public override IEnumerator GetEnumerator() => throw Unsupported();

    private static NotSupportedException Unsupported() =>
        new("A row of a statement kept on the group-commit writer offers the getters its row readers use; read this one through a command.");
}
