using System.Data.Common;
using Dapper;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Outbox.Pacing;

/// <summary>
/// Counts the messages each gateway number sent in the last minute, hour and day. A send takes its
/// place in the count before it goes out (a failure still counts: the conservative side), and one
/// that would exceed a limit learns when a place frees up instead.
/// </summary>
internal sealed class PacingStore(GroupCommit groupCommit, TimeProvider time)
{
    /// <summary>Null when the send may go now (and is counted); else when to try again.</summary>
    public async Task<DateTimeOffset?> TryReserveAsync(string pacingKey, PacingLimits limits, CancellationToken cancellationToken = default)
    {
        if (limits.IsUnlimited)
        {
            return null;
        }

        // A reservation per paced send: on SQLite in the group commit (a transaction of its own waited in
        // SQLite's sleeping busy handler behind the inbound batches); on PostgreSQL under the writers' lock as before.
        var freeAt = await groupCommit.WriteOnSqliteAsync(
            (connection, transaction, token) => ReserveAsync(connection, transaction, pacingKey, limits, token),
            cancellationToken);
        return freeAt is { } later ? DateTimeOffset.FromUnixTimeMilliseconds(later) : null;
    }

    /// <summary>Counts the send and returns null, or writes nothing and returns when a place frees (Unix ms).</summary>
    private async Task<long?> ReserveAsync(DbConnection connection, DbTransaction transaction, string pacingKey, PacingLimits limits, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM paced_sends WHERE pacing_key = @pacingKey AND sent_at <= @dayAgo",
            new { pacingKey, dayAgo = now - (long)TimeSpan.FromDays(1).TotalMilliseconds },
            transaction,
            cancellationToken: cancellationToken));

        long? freeAt = null;
        foreach (var (window, limit) in limits.Windows())
        {
            var since = now - (long)window.TotalMilliseconds;
            var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT count(*) FROM paced_sends WHERE pacing_key = @pacingKey AND sent_at > @since",
                new { pacingKey, since },
                transaction,
                cancellationToken: cancellationToken));
            if (count < limit)
            {
                continue;
            }

            // A place frees when the oldest send that keeps the window full falls out of it.
            var oldestThatCounts = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT sent_at FROM paced_sends WHERE pacing_key = @pacingKey AND sent_at > @since ORDER BY sent_at DESC LIMIT 1 OFFSET @offset",
                new { pacingKey, since, offset = limit - 1 },
                transaction,
                cancellationToken: cancellationToken));
            freeAt = Math.Max(freeAt ?? 0, oldestThatCounts + (long)window.TotalMilliseconds + 1);
        }

        if (freeAt is not null)
        {
            // Only the day-old rows went; the send is not counted.
            return freeAt;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO paced_sends (pacing_key, sent_at) VALUES (@pacingKey, @now)",
            new { pacingKey, now },
            transaction,
            cancellationToken: cancellationToken));
        return null;
    }
}
