using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tapback.Storage.GroupCommits;

/// <summary>
/// One SQL statement compiled once on the group-commit writer's SQLite connection and run through
/// SQLitePCLRaw (the library under Microsoft.Data.Sqlite): parameters bound by indexes looked up for
/// the names a caller gives, stepped to its end, reset. Errors are Microsoft.Data.Sqlite's own
/// <see cref="SqliteException"/>, as the store's handlers expect. Only the writer uses it, one run at a time.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    // The current row as the row readers read it: the one place a column's value is read.
    private readonly RawRow _row;

    // The parameter names, in the caller's order, that _indexes were looked up for. The writer keeps a
    // statement by its text alone, so another caller of the same text may name or order its parameters
    // otherwise: it gets indexes of its own (Bind), never the first caller's by position.
    private string[]? _names;
    private int[] _indexes = [];

    private RawStatement(sqlite3 database, sqlite3_stmt statement)
    {
        _database = database;
        _statement = statement;
        _row = new RawRow(statement);
    }

    /// <summary>
    /// <paramref name="sql"/> compiled on <paramref name="database"/>, or null when it is more than one
    /// statement (a command runs each; this runs one).
    /// </summary>
    public static RawStatement? Prepare(sqlite3 database, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(database, sql, out var statement, out var tail);
        SqliteException.ThrowExceptionForRC(rc, database);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            statement.Dispose();
            return null;
        }

        return new RawStatement(database, statement);
    }

    /// <summary>
    /// Binds each value to the parameter of its name. A name the statement does not have fails, and so
    /// does a parameter of the statement left without a value (SQLite would keep the last run's).
    /// </summary>
    public void Bind((string Name, object? Value)[] parameters)
    {
        if (!IndexesFitNamesOf(parameters))
        {
            LookUpIndexes(parameters);
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            var index = _indexes[i];
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

    /// <summary>
    /// Steps the statement to its end; returns the rows it changed and, when asked, the first row's first
    /// column (<see cref="DBNull"/> for NULL, null when there is no row).
    /// </summary>
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
                    first = _row.GetValue(0);
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
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
                rows.Add(readRow(_row));
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

    // The usual call names the same parameters in the same order as the last (the same literals), so
    // this compares references; looking each index up again would encode every name on every run.
    private bool IndexesFitNamesOf((string Name, object? Value)[] parameters)
    {
        if (_names is not { } names || names.Length != parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (!string.Equals(names[i], parameters[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private void LookUpIndexes((string Name, object? Value)[] parameters)
    {
        var names = new string[parameters.Length];
        var indexes = new int[parameters.Length];
        var named = new bool[raw.sqlite3_bind_parameter_count(_statement) + 1];
        for (var i = 0; i < parameters.Length; i++)
        {
            names[i] = parameters[i].Name;
            indexes[i] = raw.sqlite3_bind_parameter_index(_statement, names[i]);
            if (indexes[i] == 0)
            {
                throw new ArgumentException($"The statement has no parameter {names[i]}.", nameof(parameters));
            }

            named[indexes[i]] = true;
        }

        for (var index = 1; index < named.Length; index++)
        {
            if (!named[index])
            {
                // Microsoft.Data.Sqlite's wording for the same mistake on a command.
                var name = raw.sqlite3_bind_parameter_name(_statement, index).utf8_to_string();
                throw new InvalidOperationException($"Must add values for the following parameters: {name}");
            }
        }

        _names = names;
        _indexes = indexes;
    }
}
