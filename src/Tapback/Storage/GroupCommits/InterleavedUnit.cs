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

    /// <summary>A wait for the unit to queue a statement or end; runs the writer on after the unit's own code.</summary>
    public Task NextStep()
    {
        _step = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _step.Task;
    }

    /// <summary>The unit queued a statement and waits for it.</summary>
    public void Stepped() => _step?.TrySetResult();

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
