using System.Data.Common;

namespace Tapback.Storage.GroupCommits;

/// <summary>One caller's write inside a <see cref="GroupCommit"/> batch, and how to answer that caller.</summary>
internal abstract class GroupCommitUnit
{
    private const int Queued = 0;
    private const int Claimed = 1;
    private const int Withdrawn = 2;

    private int _state;

    /// <summary>
    /// What the unit's writes are ordered by (a conversation, a sender, an event id), or null when the
    /// unit may touch anything. On PostgreSQL units of one batch that share no key run interleaved, their
    /// statements sent together (GroupCommit.Interleaved.cs); units that share one run one after another.
    /// </summary>
    public IReadOnlyList<string>? OrderedBy { get; init; }

    /// <summary>Takes the unit for a batch; false when its caller withdrew it first.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Queued) == Queued;

    public abstract Task RunAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Answers the caller after COMMIT.</summary>
    public abstract void Complete(ILogger logger);

    public abstract void Fail(Exception exception);

    /// <summary>The caller gave up before the writer took the unit: it will never run.</summary>
    protected bool TryWithdraw() => Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued;
}
