using System.Data.Common;
using Npgsql;

namespace Tapback.Storage.GroupCommits;

/// <summary>
/// PostgreSQL: the units of a batch run side by side, their statements sent together. Each statement a
/// unit runs is a round trip made under the writers' lock, and an inbound event is about eight of them,
/// each needing the one before (docs/benchmarks.md, "PostgreSQL ingest"): one after another, a batch of
/// N events made 8N round trips. Here every unit runs until it waits for a statement
/// (<see cref="PostgresPipeline"/>), then all the statements waiting go in one round trip, and each unit
/// runs on with its result: about eight round trips per batch, whatever its size.
/// <list type="bullet">
/// <item>Order: units that share a key of <see cref="GroupCommitUnit.OrderedBy"/> (one conversation,
/// one sender, one event id) run one after another in the order they were handed in, so their rows are
/// written in that order (their messages, their agent-queue rows). A unit without keys runs alone:
/// every earlier unit has ended before it starts, and no later one starts before it ends. Every unit
/// commits in the one transaction, so the link queue's readers still see sequence order equal to
/// commit order (<see cref="Database.BeginWriteAsync"/>'s lock still makes batches take turns).</item>
/// <item>One unit runs at a time on the writer's thread; a statement it runs other than through
/// <see cref="PreparedStatements"/> (a Dapper call) runs at once, alone, while the others wait.</item>
/// <item>Failure: as on SQLite (<see cref="TryRunWithoutSavepointsAsync"/>): when a unit throws or a statement
/// fails, the transaction is rolled back whole, no caller is answered, and the batch runs again one
/// unit after another with a savepoint each, which fails that unit alone.</item>
/// </list>
/// </summary>
internal sealed partial class GroupCommit
{
    // Whether a statement's text returns rows (which result set of a batch is its own): learned on its first run.
    private readonly Dictionary<string, bool> _returnsRows = new(StringComparer.Ordinal);

    private long _interleavedRoundTrips;

    /// <summary>
    /// Round trips the interleaved batches have made for their units' statements (begin, the writers'
    /// lock and commit not counted): how a test counts what a batch of events costs on PostgreSQL.
    /// </summary>
    internal long InterleavedRoundTrips => Interlocked.Read(ref _interleavedRoundTrips);

    /// <summary>
    /// Runs the batch's units side by side in <paramref name="transaction"/>; returns the first failure
    /// (a unit's, or a round trip's), or null. After a failure no statement of the attempt runs any more.
    /// </summary>
    private async Task<Exception?> InterleaveAsync(List<GroupCommitUnit> batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var prepared = _prepared!;
        var pipeline = new PostgresPipeline(connection, transaction, _returnsRows);
        prepared.Pipeline = pipeline;
        try
        {
            var failure = await RunSideBySideAsync(batch, pipeline, connection, transaction, cancellationToken);
            if (failure is not null)
            {
                pipeline.Abandon(failure);
            }

            return failure;
        }
        finally
        {
            prepared.Pipeline = null;
            Interlocked.Add(ref _interleavedRoundTrips, pipeline.RoundTrips);
        }
    }

    /// <summary>Runs the batch's units to their end; returns the first failure (a unit's, or a round trip's), or null.</summary>
    private static async Task<Exception?> RunSideBySideAsync(
        List<GroupCommitUnit> batch, PostgresPipeline pipeline, NpgsqlConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var context = (WriterSynchronizationContext)SynchronizationContext.Current!;
        var units = batch.Select(unit => new InterleavedUnit(unit)).ToArray();
        var held = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            // One pass in the order the units were handed in: each unit that may go runs until it waits
            // for a statement or ends; then the statements waiting go in one round trip.
            held.Clear();
            var earlierOpen = false;
            var barrierOpen = false;
            foreach (var unit in units)
            {
                if (unit.Done)
                {
                    continue;
                }

                if (unit.Started ? unit.Ready : MayStart(unit.Unit.OrderedBy, held, earlierOpen, barrierOpen))
                {
                    pipeline.Current = unit;
                    if (unit.Started)
                    {
                        unit.Resume();
                    }
                    else
                    {
                        unit.Started = true;
                        unit.Run = RunUnitAsync(unit, connection, transaction, cancellationToken);
                    }

                    // The unit ran inline up to its next await. When that is something other than a
                    // queued statement (a Dapper call on the connection), its continuation comes back
                    // to this thread, and after each such piece of work the unit is looked at again.
                    if (!unit.Waits(connection, context))
                    {
                        var step = unit.NextStep();
                        context.AfterWork = () => unit.Check(connection, context);
                        try
                        {
                            await step;
                        }
                        finally
                        {
                            context.AfterWork = null;
                        }
                    }

                    pipeline.Current = null;
                    if (unit.Failure is not null)
                    {
                        return unit.Failure;
                    }
                }

                if (!unit.Done)
                {
                    earlierOpen = true;
                    if (unit.Unit.OrderedBy is { } keys)
                    {
                        held.UnionWith(keys);
                    }
                    else
                    {
                        barrierOpen = true;
                    }
                }
            }

            if (!earlierOpen)
            {
                return null;
            }

            try
            {
                pipeline.Flush();
            }
            catch (Exception exception)
            {
                return exception;
            }
        }
    }

    private static bool MayStart(IReadOnlyList<string>? keys, HashSet<string> held, bool earlierOpen, bool barrierOpen) =>
        keys is null ? !earlierOpen : !barrierOpen && !keys.Any(held.Contains);

    private static async Task RunUnitAsync(InterleavedUnit unit, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await unit.Unit.RunAsync(connection, transaction, cancellationToken);
            unit.End(null);
        }
        catch (Exception exception)
        {
            unit.End(exception);
        }
    }
}
