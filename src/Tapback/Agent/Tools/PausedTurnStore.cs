using System.Data.Common;
using Dapper;
using Tapback.Gateway.Outbox;
using Tapback.Storage;

namespace Tapback.Agent.Tools;

/// <summary>The paused_turns table: at most one waiting turn per conversation.</summary>
internal sealed class PausedTurnStore(Database database)
{
    /// <summary>The <c>paused_turns.state</c> values: waiting for the person, then one of the others.</summary>
    public const string Waiting = "waiting";
    public const string Resumed = "resumed";
    public const string Expired = "expired";
    public const string Cancelled = "cancelled";

    public async Task<PausedTurn?> FindWaitingAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindWaitingAsync(connection, transaction: null, conversationId, cancellationToken);
    }

    /// <summary>The same, on the caller's connection (in its transaction, when it has one): a turn's reads share one.</summary>
    public static Task<PausedTurn?> FindWaitingAsync(DbConnection connection, DbTransaction? transaction, string conversationId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<PausedTurn>(new CommandDefinition(
            $"""
            SELECT id AS Id, conversation_id AS ConversationId, session_id AS SessionId, kind AS Kind,
                   model_messages AS ModelMessages, reply_to_message_id AS ReplyToMessageId
            FROM paused_turns WHERE {WaitingWhere("@conversationId")}
            """,
            new { conversationId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Whether a turn waits in the conversation whose id is the SQL expression <paramref name="conversationId"/>, as a boolean expression.</summary>
    public static string IsWaitingSql(string conversationId) => $"EXISTS (SELECT 1 FROM paused_turns WHERE {WaitingWhere(conversationId)})";

    private static string WaitingWhere(string conversationId) => $"conversation_id = {conversationId} AND state = '{Waiting}'";

    public static Task InsertAsync(OutboxTransaction write, PausedTurn turn) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO paused_turns (id, conversation_id, session_id, kind, model_messages, reply_to_message_id, state, created_at)
            VALUES (@Id, @ConversationId, @SessionId, @Kind, @ModelMessages, @ReplyToMessageId, '{Waiting}', @now)
            """,
            new { turn.Id, turn.ConversationId, turn.SessionId, turn.Kind, turn.ModelMessages, turn.ReplyToMessageId, now = write.Now },
            write.Transaction,
            cancellationToken: write.CancellationToken));

    /// <summary>Ends a waiting turn; its model messages are dropped, the decisions stay in their own tables.</summary>
    public static Task CloseAsync(OutboxTransaction write, string pausedTurnId, string state) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE paused_turns SET state = @state, closed_at = @now, model_messages = '[]' WHERE id = @pausedTurnId AND state = '{Waiting}'",
            new { pausedTurnId, state, now = write.Now },
            write.Transaction,
            cancellationToken: write.CancellationToken));

    /// <summary>Whether a turn waits for the person's answer in the conversation, inside the caller's transaction.</summary>
    public static Task<bool> IsWaitingAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string conversationId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM paused_turns WHERE conversation_id = @conversationId AND state = '{Waiting}')",
            new { conversationId },
            transaction,
            cancellationToken: cancellationToken));
}
