using System.Data.Common;
using Npgsql;

namespace Tapback.Storage.GroupCommits;

/// <summary>
/// The statements the units of an interleaved PostgreSQL batch (<see cref="GroupCommit"/>, its
/// <c>Interleaved</c> part) hand to <see cref="PreparedStatements"/>: each is queued instead of run, and
/// once every unit running is waiting for one, all of them go in one <see cref="NpgsqlBatch"/>, one round
/// trip, in the order they were queued. A unit sees its statement's result as if it had run alone.
/// Only the writer's thread touches it.
/// </summary>
internal sealed class PostgresPipeline(NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<string, bool> returnsRows)
{
    private readonly List<Queued> _queued = [];
    private bool _closed;

    /// <summary>The round trips this batch's units' statements took so far (shared ones, and texts first run alone).</summary>
    public int RoundTrips { get; private set; }

    /// <summary>The unit the writer is running now: a statement it queues is its own.</summary>
    internal InterleavedUnit? Current { get; set; }

    public Task<object?> ScalarAsync(string sql, (string Name, object? Value)[] parameters) =>
        Enqueue(new ScalarStatement(sql, parameters));

    public Task<int> ExecuteAsync(string sql, (string Name, object? Value)[] parameters) =>
        Enqueue(new NonQueryStatement(sql, parameters));

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> readRow, (string Name, object? Value)[] parameters) =>
        Enqueue(new QueryStatement<T>(sql, parameters, readRow));

    /// <summary>Sends every queued statement in one round trip and keeps each result for its unit.</summary>
    public void Flush()
    {
        if (_queued.Count == 0)
        {
            return;
        }

        RoundTrips++;
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var statement in _queued)
        {
            batch.BatchCommands.Add(statement.Command());
        }

        using (var reader = batch.ExecuteReader())
        {
            // Only statements that return rows (a SELECT, a RETURNING) have a result set; the reader
            // stands on the first of them and NextResult steps over the others.
            var first = true;
            foreach (var statement in _queued.Where(statement => statement.ReturnsRows))
            {
                if (!first)
                {
                    reader.NextResult();
                }

                first = false;
                statement.Read(reader);
            }

            // Runs the trailing statements that return no rows, so a failure among them is thrown here.
            while (reader.NextResult())
            {
            }
        }

        for (var index = 0; index < _queued.Count; index++)
        {
            _queued[index].RecordsAffected = batch.BatchCommands[index].RecordsAffected;
            _queued[index].Owner.Ready = true;
        }

        _queued.Clear();
    }

    /// <summary>The batch is given up: every statement still waiting fails, and no new one is taken.</summary>
    public void Abandon(Exception reason)
    {
        _closed = true;
        foreach (var statement in _queued)
        {
            statement.Owner.Pending.Remove(statement);
            statement.Fail(reason);
        }

        _queued.Clear();
    }

    private Task<T> Enqueue<T>(Statement<T> statement)
    {
        if (_closed || Current is not { } owner)
        {
            throw new InvalidOperationException("The group commit's interleaved batch has ended; this statement was not run.");
        }

        statement.Owner = owner;
        if (!returnsRows.TryGetValue(statement.Sql, out var rows))
        {
            // Whether a statement returns rows decides which result set is its own; the first time a
            // text is seen it runs alone to learn that (its unit's earlier statements have all run).
            RoundTrips++;
            statement.RunAlone(connection, transaction, returnsRows);
            return statement.Task;
        }

        statement.ReturnsRows = rows;
        _queued.Add(statement);
        owner.Pending.Add(statement);
        return statement.Task;
    }

    /// <summary>One queued statement: its text, its values, and what its unit is waiting for.</summary>
    internal abstract class Queued(string sql, (string Name, object? Value)[] parameters)
    {
        public string Sql { get; } = sql;

        public bool ReturnsRows { get; set; }

        public int RecordsAffected { get; set; }

        public InterleavedUnit Owner { get; set; } = null!;

        public NpgsqlBatchCommand Command()
        {
            var command = new NpgsqlBatchCommand(Sql);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
            }

            return command;
        }

        /// <summary>Runs this statement at once, on its own, and learns whether its text returns rows.</summary>
        public void RunAlone(NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<string, bool> returnsRows)
        {
            try
            {
                using var command = new NpgsqlCommand(Sql, connection, transaction);
                foreach (var (name, value) in parameters)
                {
                    command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
                }

                using (var reader = command.ExecuteReader())
                {
                    ReturnsRows = reader.FieldCount > 0;
                    if (ReturnsRows)
                    {
                        Read(reader);
                    }

                    reader.Close();
                    RecordsAffected = Math.Max(0, reader.RecordsAffected);
                }

                returnsRows[Sql] = ReturnsRows;
                Deliver();
            }
            catch (Exception exception)
            {
                Fail(exception);
            }
        }

        /// <summary>Reads this statement's result set; the reader stands on it.</summary>
        public abstract void Read(NpgsqlDataReader reader);

        /// <summary>Hands the result to the waiting unit, which runs on from here until its next wait.</summary>
        public abstract void Deliver();

        public abstract void Fail(Exception exception);
    }

    private abstract class Statement<T>(string sql, (string Name, object? Value)[] parameters) : Queued(sql, parameters)
    {
        // Completed on the writer's thread with the writer's context current, so the unit's await goes
        // on inline: the writer decides which unit runs when.
        private readonly TaskCompletionSource<T> _completion = new();

        public Task<T> Task => _completion.Task;

        public override void Fail(Exception exception) => _completion.TrySetException(exception);

        protected void Complete(T value) => _completion.TrySetResult(value);
    }

    private sealed class ScalarStatement(string sql, (string Name, object? Value)[] parameters) : Statement<object?>(sql, parameters)
    {
        private object? _value;

        public override void Read(NpgsqlDataReader reader) => _value = reader.Read() ? reader.GetValue(0) : null;

        public override void Deliver() => Complete(_value);
    }

    private sealed class NonQueryStatement(string sql, (string Name, object? Value)[] parameters) : Statement<int>(sql, parameters)
    {
        public override void Read(NpgsqlDataReader reader)
        {
            while (reader.Read())
            {
            }
        }

        public override void Deliver() => Complete(RecordsAffected);
    }

    private sealed class QueryStatement<TRow>(string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, TRow> readRow)
        : Statement<IReadOnlyList<TRow>>(sql, parameters)
    {
        private readonly List<TRow> _rows = [];

        public override void Read(NpgsqlDataReader reader)
        {
            while (reader.Read())
            {
                _rows.Add(readRow(reader));
            }
        }

        public override void Deliver() => Complete(_rows);
    }
}
