using System.Data.Common;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Outbox;

/// <summary>What went out in a conversation and when, for the loop breaker (Gateway/Governor/Loops).</summary>
internal sealed partial class OutboxStore
{
    /// <summary>
    /// Up to <paramref name="limit"/> of the conversation's latest messages its transport took after
    /// <paramref name="after"/> (Unix ms), ordered by when they went out: the moment each was sent (the
    /// row's <c>done_at</c>, not when it was queued: pacing and bubble beats come between) and its text.
    /// </summary>
    public static async Task<IReadOnlyList<(long At, string Text)>> LatestSentAsync(
        DbConnection connection, DbTransaction transaction, string conversationId, long after, int limit, CancellationToken cancellationToken)
    {
        var newestFirst = await PreparedStatements.QueryAsync(
            connection,
            transaction,
            LatestSentSql,
            row => (At: row.GetInt64(0), Text: row.GetString(1)),
            cancellationToken,
            ("@conversationId", conversationId),
            ("@after", after),
            ("@limit", limit));
        return [.. newestFirst.OrderBy(sent => sent.At)];
    }

    /// <summary>
    /// The newest-first walk of a conversation's sent messages (@conversationId, @after, @limit), from
    /// ix_outbox_sent (conversation_id, id), which holds only done messages: no index holds every row's
    /// state, so a row's way from queued to done changes only the partial indexes of open rows.
    /// </summary>
    internal const string LatestSentSql =
        $"""
        SELECT o.done_at, m.body FROM outbox o JOIN messages m ON m.id = o.message_id
        WHERE o.state = '{OutboxStates.Done}' AND o.conversation_id = @conversationId AND o.kind = '{OutboxKinds.Message}' AND o.done_at > @after
        ORDER BY o.id DESC
        LIMIT @limit
        """;
}
