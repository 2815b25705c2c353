using Dapper;
using Tapback.Gateway.Integrations;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.AgentQueue;

/// <summary>
/// The queue as a remote agent link reads it: every pending row of the link in seq order, delivered
/// to the one connection of the link, and done when acknowledged (or, without acks, once written).
/// Unlike <see cref="AgentQueueStore.ClaimAsync"/> there is no lease: one connection per link is the
/// gateway's rule, and an unacknowledged row is simply delivered again on the next connection.
/// </summary>
internal sealed class LinkQueue(Database database, GroupCommit groupCommit, TimeProvider time)
{
    public async Task<IReadOnlyList<LinkEvent>> PendingAfterAsync(string link, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LinkEvent>(new CommandDefinition(
            $"""
            SELECT seq AS Seq, conversation_id AS ConversationId, kind AS Kind, message_id AS MessageId, reaction_id AS ReactionId, payload AS Payload, created_at AS CreatedAt
            FROM agent_queue WHERE link = @link AND state = '{AgentQueueStates.Pending}' AND seq > @afterSeq
            ORDER BY seq LIMIT @limit
            """,
            new { link, afterSeq, limit },
            cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>
    /// What waits for the link: its pending messages (what a client of the hosted gateways' protocol
    /// reads as <c>queuedCount</c>, the number of <c>message.received</c> frames to come) and every
    /// other pending event (reactions, send and delivery reports) apart.
    /// </summary>
    public async Task<PendingCounts> CountPendingAsync(string link, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<PendingCounts>(new CommandDefinition(
            $"""
            SELECT COALESCE(SUM(CASE WHEN kind = '{AgentQueueKinds.Message}' THEN 1 ELSE 0 END), 0) AS Messages,
                   COALESCE(SUM(CASE WHEN kind = '{AgentQueueKinds.Message}' THEN 0 ELSE 1 END), 0) AS Others
            FROM agent_queue WHERE link = @link AND state = '{AgentQueueStates.Pending}'
            """,
            new { link },
            cancellationToken: cancellationToken));
        return counts;
    }

    /// <summary>Events waiting for each integration's agent, by integration id (what the admin API and the dashboard show as queued).</summary>
    public async Task<IReadOnlyDictionary<string, long>> PendingPerIntegrationAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Link, long Count)>(new CommandDefinition(
            $"SELECT link, count(*) FROM agent_queue WHERE state = '{AgentQueueStates.Pending}' AND link LIKE '{IntegrationLinks.Prefix}%' GROUP BY link",
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.Link[IntegrationLinks.Prefix.Length..], row => row.Count, StringComparer.Ordinal);
    }

    /// <summary>Marks the link's pending rows up to <paramref name="uptoSeq"/> done; returns how many.</summary>
    public Task<int> CompleteUpToAsync(string link, long uptoSeq, CancellationToken cancellationToken = default) =>
        groupCommit.ExecuteAsync(
            $"UPDATE agent_queue SET state = '{AgentQueueStates.Done}', done_at = @now WHERE link = @link AND state = '{AgentQueueStates.Pending}' AND seq <= @uptoSeq",
            new { link, uptoSeq, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken);

    /// <summary>
    /// Marks exactly the link's rows <paramref name="seqs"/> done (what one delivery batch wrote), in one
    /// write. Not "up to": a row of a lower seq committed after the batch was read was not written.
    /// </summary>
    public Task CompleteAsync(string link, IReadOnlyCollection<long> seqs, CancellationToken cancellationToken = default) =>
        groupCommit.ExecuteAsync(
            $"UPDATE agent_queue SET state = '{AgentQueueStates.Done}', done_at = @now WHERE link = @link AND seq {SqlDialect.InList(database.IsPostgres, "@seqs")} AND state = '{AgentQueueStates.Pending}'",
            new { link, seqs = seqs.ToArray(), now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken);
}
