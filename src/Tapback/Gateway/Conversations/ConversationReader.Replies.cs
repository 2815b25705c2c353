using System.Data.Common;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Conversations;

/// <summary>The other side's latest messages, for the loop breaker (Gateway/Governor/Loops), read in the inbox's transaction.</summary>
internal sealed partial class ConversationReader
{
    /// <summary>
    /// Up to <paramref name="limit"/> of the conversation's inbound messages stored after <paramref name="after"/>
    /// (Unix ms), oldest first: when each was stored, and its text (empty once unsent). Walks
    /// ix_messages_conversation from the newest, so a long history costs nothing.
    /// </summary>
    public static async Task<IReadOnlyList<(long At, string Text)>> LatestInboundAsync(
        DbConnection connection, DbTransaction transaction, string conversationId, long after, int limit, CancellationToken cancellationToken)
    {
        var newestFirst = await PreparedStatements.QueryAsync(
            connection,
            transaction,
            $"""
            SELECT created_at, body FROM messages
            WHERE conversation_id = @conversationId AND direction = '{MessageDirections.Inbound}' AND created_at > @after
            ORDER BY seq DESC
            LIMIT @limit
            """,
            row => (At: row.GetInt64(0), Text: row.GetString(1)),
            cancellationToken,
            ("@conversationId", conversationId),
            ("@after", after),
            ("@limit", limit));
        return [.. newestFirst.Reverse()];
    }
}
