using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Tapback.Storage.Connections;

/// <summary>
/// What <see cref="PooledSqliteConnection"/> gives Dapper (or anyone) for <see cref="DbConnection.CreateCommand"/>:
/// it collects the text, parameters and transaction as any command does, and runs them on the
/// statement the connection keeps for that text, bound afresh each run (by name, as Microsoft.Data.Sqlite
/// binds). Only the execution is borrowed: results are Microsoft.Data.Sqlite's own reader and errors
/// its own <see cref="SqliteException"/>.
/// </summary>
internal sealed class ReusedStatementCommand(PooledSqliteConnection connection) : DbCommand
{
    private readonly SqliteParameterCollection _parameters = new SqliteCommand().Parameters;
    private SqliteCommand? _unkept;
    private string _commandText = "";
    private int? _commandTimeout;

    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set => _commandText = value ?? "";
    }

    public override int CommandTimeout
    {
        get => _commandTimeout ?? connection.DefaultTimeout;
        set => _commandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException($"SQLite runs only CommandType.Text, not {value}.", nameof(value));
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (value != connection)
            {
                throw new NotSupportedException("A command of a pooled SQLite connection runs only on that connection.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => _parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override void Prepare()
    {
    }

    public override int ExecuteNonQuery() => Run(command => command.ExecuteNonQuery(), reading: false);

    public override object? ExecuteScalar() => Run(command => command.ExecuteScalar(), reading: false);

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Run(command => command.ExecuteReader(behavior), reading: true);

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _unkept?.Dispose();
            _unkept = null;
        }

        base.Dispose(disposing);
    }

    // reading: the reader returned binds the text's later statements as it reaches them, so the
    // parameters stay on the command until its next run.
    private T Run<T>(Func<SqliteCommand, T> execute, bool reading)
    {
        var command = connection.Rent(_commandText, out var kept);
        if (!kept)
        {
            // Disposed with this command, as an ordinary one would be (a reader it returned may still be open).
            _unkept?.Dispose();
            _unkept = command;
        }

        command.Transaction = (SqliteTransaction?)DbTransaction;
        command.CommandTimeout = CommandTimeout;
        command.Parameters.Clear();
        foreach (SqliteParameter parameter in _parameters)
        {
            command.Parameters.Add(parameter);
        }

        try
        {
            return execute(command);
        }
        catch when (kept)
        {
            // Whatever state the failure left the statement in, the next run starts from a new one.
            connection.Forget(_commandText);
            throw;
        }
        finally
        {
            if (kept && !reading)
            {
                // The values are bound (SQLite copied them); the kept command holds no caller's objects.
                command.Parameters.Clear();
            }
        }
    }
}
