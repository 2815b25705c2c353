using System.Data.Common;
using Dapper;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Agent.Memory;

/// <summary>
/// Stored summaries and the session's turn counter they are measured against. A summary's write and
/// its removal after an unsend go through the group commit on SQLite: each is a write of a turn, and a
/// write of its own waited in SQLite's sleeping busy handler behind the inbound batches (~8.5 ms).
/// </summary>
internal sealed class SummaryStore(Database database, GroupCommit groupCommit, TimeProvider time)
{
    private const string Columns = "id AS Id, session_id AS SessionId, upto_seq AS UptoSeq, turn_count AS TurnCount, body AS Body, created_at AS CreatedAt";

    public async Task<Summary?> LatestAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LatestAsync(connection, transaction: null, sessionId, cancellationToken);
    }

    /// <summary>The same, on the caller's connection (in its transaction, when it has one): a turn's reads share one.</summary>
    public static Task<Summary?> LatestAsync(DbConnection connection, DbTransaction? transaction, string sessionId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<Summary>(new CommandDefinition(
            $"SELECT {Columns} FROM summaries WHERE id = {LatestIdSql("@sessionId")}",
            new { sessionId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// A join of the latest summary of the session whose id is the SQL expression <paramref name="sessionId"/>,
    /// as <paramref name="alias"/>, for the turn's first read (<see cref="Turns.TurnStart"/>).
    /// </summary>
    public static string LatestJoin(string alias, string sessionId) => $"LEFT JOIN summaries {alias} ON {alias}.id = {LatestIdSql(sessionId)}";

    private static string LatestIdSql(string sessionId) =>
        $"(SELECT id FROM summaries WHERE session_id = {sessionId} ORDER BY upto_seq DESC, created_at DESC LIMIT 1)";

    public async Task<IReadOnlyList<Summary>> ListAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<Summary>(new CommandDefinition(
            $"SELECT {Columns} FROM summaries WHERE session_id = @sessionId ORDER BY upto_seq",
            new { sessionId },
            cancellationToken: cancellationToken))];
    }

    public async Task AddAsync(string sessionId, string conversationId, long uptoSeq, long turnCount, string body, CancellationToken cancellationToken = default) =>
        await groupCommit.ExecuteAsync(
            """
            INSERT INTO summaries (id, session_id, conversation_id, upto_seq, turn_count, body, created_at)
            VALUES (@id, @sessionId, @conversationId, @uptoSeq, @turnCount, @body, @now)
            """,
            new { id = Ids.New("sum"), sessionId, conversationId, uptoSeq, turnCount, body, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken);

    /// <summary>
    /// Drops the summaries that folded in message <paramref name="seq"/> of the conversation (the person
    /// unsent it): what they took back must not stay in the memory. The session falls back to its
    /// previous summary, or to none, with the messages after it verbatim; the next turn regenerates,
    /// since every dropped summary was due at least <c>SummaryEveryTurns</c> turns after the one before.
    /// Returns how many were dropped.
    /// </summary>
    public Task<int> ForgetCoveringAsync(string conversationId, long seq, CancellationToken cancellationToken = default) =>
        groupCommit.ExecuteAsync(
            """
            DELETE FROM summaries
            WHERE conversation_id = @conversationId AND upto_seq >= @seq
              AND session_id IN (SELECT id FROM sessions WHERE conversation_id = @conversationId AND starts_after_seq < @seq)
            """,
            new { conversationId, seq },
            cancellationToken);

    /// <summary>Counts a finished turn in the transaction that writes its answer; returns the session's new count.</summary>
    /// <remarks>
    /// A write of every turn: it commits with the answer rather than as a write of its own (on SQLite a
    /// group-commit unit more per turn, on PostgreSQL a transaction more), and a turn is counted exactly
    /// when its answer is stored.
    /// </remarks>
    public static Task<long> CountTurnAsync(DbConnection connection, DbTransaction transaction, string sessionId, CancellationToken cancellationToken) =>
        PreparedStatements.ScalarAsync<long>(
            connection,
            transaction,
            "UPDATE sessions SET turn_count = turn_count + 1 WHERE id = @sessionId RETURNING turn_count",
            cancellationToken,
            ("@sessionId", sessionId));
}
