using System.Data.Common;
using Dapper;
using Tapback.Storage;

namespace Tapback.Gateway.Conversations;

/// <summary>Read-side queries over conversations, their messages and the tapbacks on them.</summary>
internal sealed partial class ConversationReader(Database database)
{
    /// <summary>The columns of a <see cref="StoredMessage"/>, for the inbox's writes that read one back in their transaction.</summary>
    internal const string MessageColumns =
        "seq AS Seq, id AS Id, conversation_id AS ConversationId, direction AS Direction, sender AS Sender, body AS Body, state AS State, created_at AS CreatedAt, reply_to AS ReplyTo, "
        + "effect AS Effect, service AS Service, edited_at AS EditedAt, unsent_at AS UnsentAt, has_files AS HasFiles";

    /// <summary>
    /// The columns of a <see cref="Conversation"/> from the conversations row aliased <paramref name="alias"/>,
    /// named for Dapper and in the order <see cref="ReadConversation"/> reads them. A statement that reads
    /// the conversation with other features' questions (<c>Agent/Turns/TurnStart</c>) puts them first and
    /// its own after them, from <see cref="ConversationColumnCount"/> on.
    /// </summary>
    public static string ConversationColumns(string alias) =>
        $"{alias}.id AS Id, {alias}.transport AS Transport, {alias}.chat_id AS ChatId, {alias}.handle AS Handle, {alias}.is_group AS IsGroup, {alias}.display_name AS DisplayName";

    /// <summary>How many columns <see cref="ConversationColumns"/> names.</summary>
    public const int ConversationColumnCount = 6;

    /// <summary>The conversation in the first <see cref="ConversationColumnCount"/> columns of the row <paramref name="row"/> stands on.</summary>
    public static Conversation ReadConversation(DbDataReader row) => new()
    {
        Id = row.GetString(0),
        Transport = row.GetString(1),
        ChatId = row.GetString(2),
        Handle = row.GetString(3),
        IsGroup = row.GetBoolean(4),
        DisplayName = row.IsDBNull(5) ? null : row.GetString(5),
    };

    private static readonly string FindSql = $"SELECT {ConversationColumns("c")} FROM conversations c WHERE c.id = @conversationId";

    private static readonly string FindByChatSql = $"SELECT {ConversationColumns("c")} FROM conversations c WHERE c.transport = @transport AND c.chat_id = @chatId";

    public async Task<Conversation?> FindAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, transaction: null, conversationId, cancellationToken);
    }

    /// <summary>The conversation, read inside the caller's transaction when given.</summary>
    public static Task<Conversation?> FindAsync(DbConnection connection, DbTransaction? transaction, string conversationId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<Conversation>(new CommandDefinition(
            FindSql,
            new { conversationId },
            transaction,
            cancellationToken: cancellationToken));

    public async Task<Conversation?> FindByChatAsync(string transport, string chatId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Conversation>(new CommandDefinition(
            FindByChatSql,
            new { transport, chatId },
            cancellationToken: cancellationToken));
    }

    /// <summary>The conversation of message <paramref name="messageId"/>, read inside the caller's transaction.</summary>
    public static Task<string?> ConversationOfAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string messageId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT conversation_id FROM messages WHERE id = @messageId", new { messageId }, transaction, cancellationToken: cancellationToken));

    public async Task<StoredMessage?> FindMessageAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindMessageAsync(connection, transaction: null, messageId, cancellationToken);
    }

    /// <summary>A message by id, on the caller's connection (in its transaction, when it has one).</summary>
    public static async Task<StoredMessage?> FindMessageAsync(DbConnection connection, DbTransaction? transaction, string messageId, CancellationToken cancellationToken) =>
        (await ReadMessagesAsync(connection, new CommandDefinition(
            $"SELECT {MessageColumns} FROM messages WHERE id = @messageId",
            new { messageId },
            transaction,
            cancellationToken: cancellationToken))) is [var message] ? message : null;

    /// <summary>
    /// Runs a query of <see cref="MessageColumns"/> and reads its rows by position. The built-in turn
    /// reads twenty and more messages each time; Dapper's mapper read every column as a boxed object.
    /// </summary>
    private static async Task<List<StoredMessage>> ReadMessagesAsync(DbConnection connection, CommandDefinition command)
    {
        await using var rows = await connection.ExecuteReaderAsync(command);
        var messages = new List<StoredMessage>();
        while (await rows.ReadAsync(command.CancellationToken))
        {
            messages.Add(new StoredMessage
            {
                Seq = rows.GetInt64(0),
                Id = rows.GetString(1),
                ConversationId = rows.GetString(2),
                Direction = rows.GetString(3),
                Sender = rows.GetString(4),
                Body = rows.GetString(5),
                State = rows.GetString(6),
                CreatedAt = rows.GetInt64(7),
                ReplyTo = rows.IsDBNull(8) ? null : rows.GetString(8),
                Effect = rows.IsDBNull(9) ? null : rows.GetString(9),
                Service = rows.IsDBNull(10) ? null : rows.GetString(10),
                EditedAt = rows.IsDBNull(11) ? null : rows.GetInt64(11),
                UnsentAt = rows.IsDBNull(12) ? null : rows.GetInt64(12),
                HasFiles = rows.GetBoolean(13),
            });
        }

        return messages;
    }

    /// <summary>The newest <paramref name="limit"/> messages with seq in (afterSeq, uptoSeq], oldest first.</summary>
    public async Task<IReadOnlyList<StoredMessage>> RecentMessagesAsync(
        string conversationId, long afterSeq, long uptoSeq, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await RecentMessagesAsync(connection, transaction: null, conversationId, afterSeq, uptoSeq, limit, cancellationToken);
    }

    /// <summary>The same, on the caller's connection (in its transaction, when it has one).</summary>
    public static async Task<IReadOnlyList<StoredMessage>> RecentMessagesAsync(
        DbConnection connection, DbTransaction? transaction, string conversationId, long afterSeq, long uptoSeq, int limit, CancellationToken cancellationToken)
    {
        var newestFirst = await ReadMessagesAsync(connection, new CommandDefinition(
            $"""
            SELECT {MessageColumns} FROM messages
            WHERE conversation_id = @conversationId AND seq > @afterSeq AND seq <= @uptoSeq
            ORDER BY seq DESC
            LIMIT @limit
            """,
            new { conversationId, afterSeq, uptoSeq, limit },
            transaction,
            cancellationToken: cancellationToken));
        newestFirst.Reverse();
        return newestFirst;
    }

    /// <summary>How many messages have seq in (afterSeq, uptoSeq].</summary>
    public async Task<long> CountMessagesAsync(string conversationId, long afterSeq, long uptoSeq, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await CountMessagesAsync(connection, transaction: null, conversationId, afterSeq, uptoSeq, cancellationToken);
    }

    /// <summary>The same, on the caller's connection (in its transaction, when it has one).</summary>
    public static Task<long> CountMessagesAsync(DbConnection connection, DbTransaction? transaction, string conversationId, long afterSeq, long uptoSeq, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM messages WHERE conversation_id = @conversationId AND seq > @afterSeq AND seq <= @uptoSeq",
            new { conversationId, afterSeq, uptoSeq },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Messages with seq in (afterSeq, uptoSeq], oldest first, at most <paramref name="limit"/> of the oldest.</summary>
    public async Task<IReadOnlyList<StoredMessage>> MessagesBetweenAsync(
        string conversationId, long afterSeq, long uptoSeq, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<StoredMessage>(new CommandDefinition(
            $"""
            SELECT {MessageColumns} FROM messages
            WHERE conversation_id = @conversationId AND seq > @afterSeq AND seq <= @uptoSeq
            ORDER BY seq
            LIMIT @limit
            """,
            new { conversationId, afterSeq, uptoSeq, limit },
            cancellationToken: cancellationToken))];
    }

    /// <summary>The id of the conversation's newest message from the person (or people), if any.</summary>
    public async Task<string?> LastInboundIdAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT id FROM messages WHERE conversation_id = @conversationId AND direction = '{MessageDirections.Inbound}' ORDER BY seq DESC LIMIT 1",
            new { conversationId },
            cancellationToken: cancellationToken));
    }

    /// <summary>A tapback by id; null when it is gone (purged).</summary>
    public async Task<StoredReaction?> FindReactionAsync(long? reactionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindReactionAsync(connection, null, reactionId, cancellationToken);
    }

    /// <summary>A tapback by id, on the caller's connection (and in its transaction, when it has one).</summary>
    public static async Task<StoredReaction?> FindReactionAsync(DbConnection connection, DbTransaction? transaction, long? reactionId, CancellationToken cancellationToken = default)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string MessageId, string Sender, string Reaction, bool Removed)?>(new CommandDefinition(
            "SELECT message_id, sender, reaction, removed FROM reactions WHERE id = @reactionId",
            new { reactionId },
            transaction,
            cancellationToken: cancellationToken));
        return row is { } found ? new StoredReaction { MessageId = found.MessageId, Sender = found.Sender, Reaction = found.Reaction, Removed = found.Removed } : null;
    }

    /// <summary>When the conversation's newest message before <paramref name="beforeSeq"/> was stored, if any.</summary>
    public async Task<long?> LastMessageAtAsync(string conversationId, long beforeSeq, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LastMessageAtAsync(connection, transaction: null, conversationId, beforeSeq, cancellationToken);
    }

    /// <summary>
    /// When the newest message before <c>@beforeSeq</c> was stored. A message's seq and created_at are
    /// both taken as its row is inserted, so the newest by seq is the latest; read by seq it is one step
    /// back along <c>ix_messages_conversation</c> and one row, where <c>max(created_at)</c> read every
    /// earlier message of the conversation (a row, and on SQLite after any write a page, for each: the
    /// turn's costliest read, and growing with the conversation).
    /// </summary>
    internal const string LastMessageAtSql =
        "SELECT created_at FROM messages WHERE conversation_id = @conversationId AND seq < @beforeSeq ORDER BY seq DESC LIMIT 1";

    /// <summary>The same, on the caller's connection (in its transaction, when it has one).</summary>
    public static Task<long?> LastMessageAtAsync(DbConnection connection, DbTransaction? transaction, string conversationId, long beforeSeq, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            LastMessageAtSql,
            new { conversationId, beforeSeq },
            transaction,
            cancellationToken: cancellationToken));
}
