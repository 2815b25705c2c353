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
/// share of SQLite's CPU in the ingest profile (docs/benchmarks.md). On any other connection (a pooled
/// SQLite one, PostgreSQL) the same call goes through Dapper, as before.
/// </summary>
internal sealed class PreparedStatements : IDisposable
{
    private static readonly ConditionalWeakTable<DbConnection, PreparedStatements> Attached = [];

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement> _raw = new(StringComparer.Ordinal);

    private PreparedStatements(SqliteConnection connection) => _connection = connection;

    /// <summary>Keeps statements prepared on <paramref name="connection"/> until <see cref="Dispose"/>; only the writer may use it.</summary>
    public static PreparedStatements Attach(SqliteConnection connection)
    {
        var statements = new PreparedStatements(connection);
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

        var value = statements.Raw(sql, parameters).Run(readFirst: true).First;
        return value is null
            ? default
            : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    public static Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        Attached.TryGetValue(connection, out var statements)
            ? Task.FromResult(statements.Raw(sql, parameters).Run(readFirst: false).Changes)
            : connection.ExecuteAsync(new CommandDefinition(sql, ToDapper(parameters), transaction, cancellationToken: cancellationToken));

    /// <summary>Reads every row of <paramref name="sql"/> with <paramref name="read"/>.</summary>
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(
        DbConnection connection, DbTransaction transaction, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var rows = Attached.TryGetValue(connection, out var statements)
            ? await statements.Bind(sql, transaction, parameters).ExecuteReaderAsync(cancellationToken)
            : await connection.ExecuteReaderAsync(new CommandDefinition(sql, ToDapper(parameters), transaction, cancellationToken: cancellationToken));
        return await ReadAllAsync(rows, read, cancellationToken);
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
            statement.Dispose();
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

    private RawStatement Raw(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_raw.TryGetValue(sql, out var statement))
        {
            statement = RawStatement.Prepare(_connection.Handle!, sql, parameters);
            _raw.Add(sql, statement);
        }

        statement.Bind(parameters);
        return statement;
    }

    private SqliteCommand Bind(string sql, DbTransaction transaction, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _commands.Add(sql, command);
        }

        // The command keeps its compiled statement between runs; only the values and the batch's transaction change.
        command.Transaction = (SqliteTransaction)transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }
}
