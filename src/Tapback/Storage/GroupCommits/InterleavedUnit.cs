using System.Data;
using Npgsql;

namespace Tapback.Storage.GroupCommits;

/// <summary>A unit of an interleaved PostgreSQL batch, as the writer tracks it between round trips.</summary>
internal sealed class InterleavedUnit(GroupCommitUnit unit)
{
    private TaskCompletionSource? _step;

    public GroupCommitUnit Unit { get; } = unit;

    public bool Started { get; set; }

    /// <summary>The unit's run, ended by <see cref="End"/>.</summary>
    public Task? Run { get; set; }

    public bool Done { get; private set; }

    public Exception? Failure { get; private set; }

    /// <summary>The statements it queued and waits for (one, as units await each statement).</summary>
    public List<PostgresPipeline.Queued> Pending { get; } = [];

    /// <summary>Its pending statements have run: it may go on.</summary>
    public bool Ready { get; set; }

    /// <summary>
    /// The unit has ended, or waits only for statements it queued: nothing of it runs on the connection
    /// (a Dapper call of its own in flight makes the connection busy) and none of its continuations waits
    /// on the writer's thread (only the running unit can have any), so the writer may go on.
    /// </summary>
    public bool Waits(NpgsqlConnection connection, WriterSynchronizationContext context) =>
        Done || (Pending.Count > 0 && context.Idle && (connection.FullState & (ConnectionState.Executing | ConnectionState.Fetching)) == 0);

    /// <summary>A wait for <see cref="Waits"/>, checked again by <see cref="Check"/>.</summary>
    public Task NextStep()
    {
        _step = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _step.Task;
    }

    /// <summary>Ends the wait of <see cref="NextStep"/> once the unit <see cref="Waits"/>.</summary>
    public void Check(NpgsqlConnection connection, WriterSynchronizationContext context)
    {
        if (_step is { Task.IsCompleted: false } step && Waits(connection, context))
        {
            step.TrySetResult();
        }
    }

    public void End(Exception? failure)
    {
        Failure = failure;
        Done = true;
        _step?.TrySetResult();
    }

    /// <summary>Hands the unit the results of its statements; it runs on inline until its next wait.</summary>
    public void Resume()
    {
        Ready = false;
        PostgresPipeline.Queued[] delivered = [.. Pending];
        Pending.Clear();
        foreach (var statement in delivered)
        {
            statement.Deliver();
        }
    }
}
