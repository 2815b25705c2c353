using System.Data.Common;

namespace Tapback.Storage.GroupCommits;

/// <summary>A claim of queued work (a lease taken or given back), on either store.</summary>
internal sealed partial class GroupCommit
{
    /// <summary>
    /// On SQLite, a unit of <see cref="WriteAsync{T}"/>: SQLite has one writer, and a claim in a
    /// transaction of its own waited for the lock in SQLite's sleeping busy handler while the group
    /// commit's batches came and went. On PostgreSQL, a claim transaction of its own
    /// (<see cref="Database.BeginClaimAsync"/>: no writers' lock; the claim's row locks keep other nodes off).
    /// </summary>
    public Task<T> ClaimAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        OnSqliteOrOwnTransactionAsync(work, Database.BeginClaimAsync, cancellationToken);
}
