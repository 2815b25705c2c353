using System.Data.Common;
using Dapper;

namespace Tapback.Gateway.Conversations;

/// <summary>What the built-in agent reads beyond the history: the messages replies quote, and the service the person writes over.</summary>
internal sealed partial class ConversationReader
{
    /// <summary>The messages with these ids in the conversation (the originals of inline replies); ids elsewhere are left out.</summary>
    public async Task<IReadOnlyList<StoredMessage>> MessagesInAsync(string conversationId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default)
    {
        if (messageIds.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await MessagesInAsync(connection, transaction: null, conversationId, messageIds, cancellationToken);
    }

    /// <summary>The same, on the caller's connection (in its transaction, when it has one).</summary>
    public static async Task<IReadOnlyList<StoredMessage>> MessagesInAsync(
        DbConnection connection, DbTransaction? transaction, string conversationId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken) =>
        messageIds.Count == 0
            ? []
            : [.. await connection.QueryAsync<StoredMessage>(new CommandDefinition(
                $"SELECT {MessageColumns} FROM messages WHERE conversation_id = @conversationId AND id {Storage.SqlDialect.InList(connection, "@messageIds")}",
                new { conversationId, messageIds = messageIds.ToArray() },
                transaction,
                cancellationToken: cancellationToken))];

    /// <summary>
    /// The service (iMessage or SMS) of the person's newest message in the conversation whose id is the SQL
    /// expression <paramref name="conversationId"/>, as a scalar subquery (null when the transport did not
    /// say), read with the turn's other first questions in one statement (<c>Agent/Turns/TurnStart</c>). A
    /// phone that falls back to SMS shows in its latest message. Only the newest is read, so the walk back
    /// over the conversation's index stops at once.
    /// </summary>
    public static string LatestInboundServiceSql(string conversationId) =>
        $"(SELECT service FROM messages WHERE conversation_id = {conversationId} AND direction = '{MessageDirections.Inbound}' ORDER BY seq DESC LIMIT 1)";
}
