using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tapback.Storage.GroupCommits;

/// <summary>
/// One SQL statement compiled once on the group-commit writer's SQLite connection and run through
/// SQLitePCLRaw (the library under Microsoft.Data.Sqlite): parameters bound by an index looked up once,
/// stepped to its end, reset. Errors are Microsoft.Data.Sqlite's own <see cref="SqliteException"/>, as
/// the store's handlers expect. Only the writer uses it, one run at a time.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _indexes;

    private RawStatement(sqlite3 database, sqlite3_stmt statement, int[] indexes)
    {
        _database = database;
        _statement = statement;
        _indexes = indexes;
    }

    /// <summary>
    /// A query of <see cref="PreparedStatements.QueryAsync{T}"/>, or null when <paramref name="sql"/> is
    /// more than one statement (Microsoft.Data.Sqlite runs each; this runs one). As that library binds
    /// them, a parameter the statement does not name is left out, and one it names without a value fails.
    /// </summary>
    public static RawStatement? PrepareQuery(sqlite3 database, string sql, (string Name, object? Value)[] parameters)
    {
        var rc = raw.sqlite3_prepare_v2(database, sql, out var statement, out var tail);
        SqliteException.ThrowExceptionForRC(rc, database);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            statement.Dispose();
            return null;
        }

        var indexes = new int[parameters.Length];
        var named = new bool[raw.sqlite3_bind_parameter_count(statement) + 1];
        for (var i = 0; i < parameters.Length; i++)
        {
            indexes[i] = raw.sqlite3_bind_parameter_index(statement, parameters[i].Name);
            named[indexes[i]] = true;
        }

        for (var index = 1; index < named.Length; index++)
        {
            if (!named[index])
            {
                var name = raw.sqlite3_bind_parameter_name(statement, index).utf8_to_string();
                statement.Dispose();
                throw new InvalidOperationException($"Must add values for the following parameters: {name}");
            }
        }

        return new RawStatement(database, statement, indexes);
    }

    public static RawStatement Prepare(sqlite3 database, string sql, (string Name, object? Value)[] parameters)
    {
        var rc = raw.sqlite3_prepare_v2(database, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, database);
        var indexes = new int[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            indexes[i] = raw.sqlite3_bind_parameter_index(statement, parameters[i].Name);
            if (indexes[i] == 0)
            {
                statement.Dispose();
                throw new ArgumentException($"The statement has no parameter {parameters[i].Name}.", nameof(parameters));
            }
        }

        return new RawStatement(database, statement, indexes);
    }

    public void Bind((string Name, object? Value)[] parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            var index = _indexes[i];
            if (index == 0)
            {
                // A query's parameter its statement does not name (PrepareQuery).
                continue;
            }

            var rc = parameters[i].Value switch
            {
                null => raw.sqlite3_bind_null(_statement, index),
                string text => raw.sqlite3_bind_text(_statement, index, text),
                long number => raw.sqlite3_bind_int64(_statement, index, number),
                int number => raw.sqlite3_bind_int64(_statement, index, number),
                bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
                double number => raw.sqlite3_bind_double(_statement, index, number),
                byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
                var other => throw new NotSupportedException($"A prepared statement cannot bind a {other.GetType().Name} ({parameters[i].Name})."),
            };
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }

    /// <summary>Steps the statement to its end; returns the rows it changed and, when asked, the first row's first column.</summary>
    public (int Changes, object? First) Run(bool readFirst)
    {
        object? first = null;
        var read = false;
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
                if (readFirst && !read)
                {
                    first = Column(0);
                    read = true;
                }
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _database);
            }

            // As SqliteCommand.ExecuteNonQuery: -1 for a statement that writes nothing (a SELECT).
            return (raw.sqlite3_stmt_readonly(_statement) != 0 ? -1 : raw.sqlite3_changes(_database), first);
        }
        finally
        {
            // Resetting ends the statement's read of the database; its result code repeats the step's.
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Steps the statement to its end, reading each row with <paramref name="readRow"/>, and resets it.</summary>
    public List<T> Query<T>(Func<DbDataReader, T> readRow)
    {
        var rows = new List<T>();
        var row = new RawRow(_statement);
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
                rows.Add(readRow(row));
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _database);
            }

            return rows;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private object? Column(int index) => raw.sqlite3_column_type(_statement, index) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, index),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, index),
        raw.SQLITE_TEXT => raw.sqlite3_column_text(_statement, index).utf8_to_string(),
        raw.SQLITE_BLOB => raw.sqlite3_column_blob(_statement, index).ToArray(),
        _ => null,
    };
}
