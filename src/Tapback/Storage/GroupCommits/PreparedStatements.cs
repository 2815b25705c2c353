using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Tapback.Storage.GroupCommits;

/// <summary>
/// The hot SQL of every inbound event (inbox, conversation, message, routing, agent queue), run with
/// statements kept prepared on the group-commit writer's SQLite connection. Dapper makes a new command
/// per call and Microsoft.Data.Sqlite keeps a prepared statement only for the life of its command
/// (dotnet/efcore#14044), so each statement was parsed and planned again for every event: the largest
/// share of SQLite's CPU in the ingest profile (docs/benchmarks.md). On PostgreSQL the writer's own
/// connection keeps its commands too (Npgsql prepares them on the server) and runs them synchronously
/// on the writer's thread (<see cref="GroupCommit"/>), where a round trip wakes that one thread instead
/// of passing through the thread pool. On any other connection (a pooled one of either store) the same
/// call goes through Dapper, as before.
/// </summary>
internal sealed class PreparedStatements : IDisposable
{
    private static readonly ConditionalWeakTable<DbConnection, PreparedStatements> Attached = [];

    private readonly DbConnection _connection;
    private readonly bool _synchronous;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    // Null for a text of several statements, which goes through a command.
    private readonly Dictionary<string, RawStatement?> _raw = new(StringComparer.Ordinal);

    private PreparedStatements(DbConnection connection, bool synchronous)
    {
        _connection = connection;
        _synchronous = synchronous;
    }

    /// <summary>
    /// Set on the PostgreSQL writer's connection while a batch runs its units interleaved: statements
    /// are queued there and sent together (<see cref="PostgresPipeline"/>).
    /// </summary>
    internal PostgresPipeline? Pipeline { get; set; }

    /// <summary>
    /// Keeps statements prepared on <paramref name="connection"/> until <see cref="Dispose"/>; only the
    /// writer may use it. <paramref name="synchronous"/>: run them without async I/O (a thread of the
    /// writer's own, never a thread-pool thread).
    /// </summary>
    public static PreparedStatements Attach(DbConnection connection, bool synchronous = false)
    {
        var statements = new PreparedStatements(connection, synchronous);
        Attached.AddOrUpdate(connection, statements);
        return statements;
    }

    public static async Task<T?> ScalarAsync<T>(
        DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        if (!Attached.TryGetValue(connection, out var statements))
        {
            return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, ToDapper(parameters), transaction, cancellationToken: cancellationToken));
        }

        object? value;
        if (statements.Pipeline is { } pipeline)
        {
            value = await pipeline.ScalarAsync(sql, parameters);
        }
        else if (statements._connection is SqliteConnection && statements.Raw(sql, parameters) is { } statement)
        {
            value = statement.Run(readFirst: true).First;
        }
        else
        {
            var command = statements.Bind(sql, transaction, parameters);
            value = statements._synchronous ? command.ExecuteScalar() : await command.ExecuteScalarAsync(cancellationToken);
        }

        return value is null or DBNull
            ? default
            : (T)Convert.ChangeType(value, ScalarType<T>.Underlying, CultureInfo.InvariantCulture);
    }

    // Nullable.GetUnderlyingType reads the type's generic arguments into a new array: a quarter of a
    // prepared scalar's managed time in the ingest profile, once per T here.
    private static class ScalarType<T>
    {
        public static readonly Type Underlying = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
    }

    public static Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        Attached.TryGetValue(connection, out var statements)
            ? statements.Pipeline is { } pipeline
                ? pipeline.ExecuteAsync(sql, parameters)
                : statements._connection is SqliteConnection && statements.Raw(sql, parameters) is { } statement
                ? Task.FromResult(statement.Run(readFirst: false).Changes)
                : statements._synchronous
                    ? Task.FromResult(statements.Bind(sql, transaction, parameters).ExecuteNonQuery())
                    : statements.Bind(sql, transaction, parameters).ExecuteNonQueryAsync(cancellationToken)
            : connection.ExecuteAsync(new CommandDefinition(sql, ToDapper(parameters), transaction, cancellationToken: cancellationToken));

    /// <summary>Reads every row of <paramref name="sql"/> with <paramref name="readRow"/>.</summary>
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(
        DbConnection connection, DbTransaction transaction, string sql, Func<DbDataReader, T> readRow, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        if (Attached.TryGetValue(connection, out var statements) && statements.Pipeline is { } pipeline)
        {
            return await pipeline.QueryAsync(sql, readRow, parameters);
        }

        if (statements is not null && statements._connection is SqliteConnection && statements.Raw(sql, parameters) is { } query)
        {
            // As the scalars: stepped through SQLitePCLRaw, where a command and its data reader bound each
            // parameter by name and built a reader per run (the route, the webhook lookup and the
            // held-send release of every inbound event).
            return query.Query(readRow);
        }

        if (statements is not null && statements._synchronous)
        {
            using var reader = statements.Bind(sql, transaction, parameters).ExecuteReader();
            var read = new List<T>();
            while (reader.Read())
            {
                read.Add(readRow(reader));
            }

            return read;
        }

        await using var rows = statements is not null
            ? await statements.Bind(sql, transaction, parameters).ExecuteReaderAsync(cancellationToken)
            : await connection.ExecuteReaderAsync(new CommandDefinition(sql, ToDapper(parameters), transaction, cancellationToken: cancellationToken));
        return await ReadAllAsync(rows, readRow, cancellationToken);
    }

    public void Dispose()
    {
        Attached.Remove(_connection);
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var statement in _raw.Values)
        {
            statement?.Dispose();
        }

        _commands.Clear();
        _raw.Clear();
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static DynamicParameters ToDapper((string Name, object? Value)[] parameters)
    {
        var dapper = new DynamicParameters();
        foreach (var (name, value) in parameters)
        {
            dapper.Add(name, value);
        }

        return dapper;
    }

    /// <summary>The SQLite writer's kept statement of <paramref name="sql"/>, bound; null for a text of several statements.</summary>
    private RawStatement? Raw(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_raw.TryGetValue(sql, out var statement))
        {
            statement = RawStatement.Prepare(((SqliteConnection)_connection).Handle!, sql);
            _raw.Add(sql, statement);
        }

        statement?.Bind(parameters);
        return statement;
    }

    private DbCommand Bind(string sql, DbTransaction transaction, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        // Kept by its text alone: another caller of the same text may name or order its parameters
        // otherwise, and values are set by position below, so the command's parameters are made again
        // for it (the same literals in the same order, the usual case, compare as references).
        if (!NamedAs(command.Parameters, parameters))
        {
            command.Parameters.Clear();
            foreach (var (name, _) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
        }

        // The command keeps its compiled statement between runs; only the values and the batch's transaction change.
        command.Transaction = transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    private static bool NamedAs(DbParameterCollection kept, (string Name, object? Value)[] parameters)
    {
        if (kept.Count != parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (!string.Equals(kept[i].ParameterName, parameters[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
