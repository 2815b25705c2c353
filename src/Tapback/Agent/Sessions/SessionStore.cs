using Dapper;
using Tapback.Agent.Turns;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Agent.Sessions;

/// <summary>
/// The built-in agent's sessions: one open session per conversation, replaced by /clear. Its writes
/// join the group commit on SQLite: a write of its own waited in SQLite's sleeping busy handler while
/// the group commit held the lock, and under a steady inbound load it waited out the busy timeout (the
/// first turn of 100,000 new conversations in the memory benchmark failed four times that way).
/// </summary>
internal sealed class SessionStore(GroupCommit groupCommit, TimeProvider time)
{
    private const string Columns = "id AS Id, conversation_id AS ConversationId, starts_after_seq AS StartsAfterSeq";

    /// <summary>
    /// A join of the open session of the conversation whose id is the SQL expression <paramref name="conversationId"/>,
    /// as <paramref name="alias"/> (its columns <c>id</c> and <c>starts_after_seq</c>), for the turn's first read.
    /// </summary>
    public static string OpenJoin(string alias, string conversationId) =>
        $"LEFT JOIN sessions {alias} ON {alias}.conversation_id = {conversationId} AND {alias}.ended_at IS NULL";

    /// <summary>
    /// The open session, read with the turn's other reads (or <paramref name="known"/>, the one its first
    /// read found when nothing was written since); a first one is started (after those reads are
    /// released) when none is open.
    /// </summary>
    private async Task<Session> GetOrStartAsync(string conversationId, TurnReads reads, Session? known, CancellationToken cancellationToken)
    {
        if (known is not null)
        {
            return known;
        }

        var (connection, reading) = await reads.OpenAsync(cancellationToken);
        var open = await connection.QuerySingleOrDefaultAsync<Session>(new CommandDefinition(
            $"SELECT {Columns} FROM sessions WHERE conversation_id = @conversationId AND ended_at IS NULL",
            new { conversationId },
            reading,
            cancellationToken: cancellationToken));
        if (open is not null)
        {
            return open;
        }

        await reads.ReleaseAsync();
        // The unique index on open sessions settles a race: the loser reads the winner's row.
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await groupCommit.WriteOnSqliteAsync(
            async (writer, transaction, token) =>
            {
                await writer.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO sessions (id, conversation_id, starts_after_seq, started_at)
                    VALUES (@id, @conversationId, 0, @now)
                    ON CONFLICT DO NOTHING
                    """,
                    new { id = Ids.New("ses"), conversationId, now },
                    transaction,
                    cancellationToken: token));
                return await writer.QuerySingleAsync<Session>(new CommandDefinition(
                    $"SELECT {Columns} FROM sessions WHERE conversation_id = @conversationId AND ended_at IS NULL",
                    new { conversationId },
                    transaction,
                    cancellationToken: token));
            },
            cancellationToken);
    }

    /// <summary>
    /// The session a turn answering messages from <paramref name="firstSeq"/> on belongs to: the open one,
    /// unless the conversation was quiet for longer than <paramref name="inactivityTimeout"/>, in which case
    /// a new session starts with these messages. <paramref name="known"/> is the open session as the turn's
    /// first read found it, when the turn wrote nothing since (null: read it here).
    /// </summary>
    public async Task<Session> CurrentAsync(
        string conversationId, long firstSeq, long? lastActivityAt, TimeSpan? inactivityTimeout, TurnReads reads, Session? known = null, CancellationToken cancellationToken = default)
    {
        var session = await GetOrStartAsync(conversationId, reads, known, cancellationToken);
        var quietSince = time.GetUtcNow() - inactivityTimeout;
        if (inactivityTimeout is { } && lastActivityAt is { } last && quietSince is { } threshold
            && last < threshold.ToUnixTimeMilliseconds() && session.StartsAfterSeq < firstSeq - 1)
        {
            await reads.ReleaseAsync();
            return await StartNewAsync(conversationId, firstSeq - 1, "inactive", cancellationToken);
        }

        return session;
    }

    /// <summary>
    /// Ends the open session and starts one holding only messages after <paramref name="afterSeq"/>.
    /// Idempotent: repeating it for the same message changes nothing.
    /// </summary>
    public async Task<Session> StartNewAsync(string conversationId, long afterSeq, string reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var open = await connection.QuerySingleOrDefaultAsync<Session>(new CommandDefinition(
                    $"SELECT {Columns} FROM sessions WHERE conversation_id = @conversationId AND ended_at IS NULL",
                    new { conversationId },
                    transaction,
                    cancellationToken: token));
                if (open is { } current && current.StartsAfterSeq >= afterSeq)
                {
                    return current;
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE sessions SET ended_at = @now, end_reason = @reason WHERE conversation_id = @conversationId AND ended_at IS NULL",
                    new { conversationId, now, reason },
                    transaction,
                    cancellationToken: token));
                var session = new Session { Id = Ids.New("ses"), ConversationId = conversationId, StartsAfterSeq = afterSeq };
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO sessions (id, conversation_id, starts_after_seq, started_at) VALUES (@Id, @ConversationId, @StartsAfterSeq, @now)",
                    new { session.Id, session.ConversationId, session.StartsAfterSeq, now },
                    transaction,
                    cancellationToken: token));
                return session;
            },
            cancellationToken);
    }
}
