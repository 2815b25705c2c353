using Dapper;
using Tapback.Storage;

namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// The chat guids a conversation is known under, and which of them sends go to: the conversation is
/// named by the first guid seen for its key; a reply goes to the guid that last worked, never to one
/// that keeps failing while another works.
/// </summary>
internal sealed partial class BlueBubblesStore
{
    /// <summary>A guid that failed this many times in a row is tried only when every other did too.</summary>
    private const int FailingAfter = 2;

    /// <summary>The conversation's chat id for a guid a message came in under; records the guid as a way to reach it.</summary>
    public async Task<string> ConversationChatIdAsync(string transport, string chatGuid, long now, CancellationToken cancellationToken = default)
    {
        var key = BlueBubblesChatKeys.KeyOf(chatGuid);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bluebubbles_chat_guids (transport, guid, chat_key, last_inbound_at, failures) VALUES (@transport, @chatGuid, @key, @now, 0)
            ON CONFLICT (transport, guid) DO UPDATE SET last_inbound_at = excluded.last_inbound_at
            """,
            new { transport, chatGuid, key, now },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO bluebubbles_chats (transport, chat_key, chat_id) VALUES (@transport, @key, @chatGuid) ON CONFLICT (transport, chat_key) DO NOTHING",
            new { transport, key, chatGuid },
            transaction,
            cancellationToken: cancellationToken));
        var chatId = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT chat_id FROM bluebubbles_chats WHERE transport = @transport AND chat_key = @key",
            new { transport, key },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return chatId!;
    }

    /// <summary>The conversation's chat id for a guid messages came in under; null for a chat Tapback has not seen.</summary>
    public async Task<string?> KnownChatIdAsync(string transport, string chatGuid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT chat_id FROM bluebubbles_chats WHERE transport = @transport AND chat_key = @key",
            new { transport, key = BlueBubblesChatKeys.KeyOf(chatGuid) },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Where to send for a conversation's chat id: the guid of its key that last worked; else one it
    /// came in under that is not failing, the newest first; else the key under the iMessage service.
    /// </summary>
    public async Task<string> ReplyGuidAsync(string transport, string chatId, CancellationToken cancellationToken = default)
    {
        var key = BlueBubblesChatKeys.KeyOf(chatId);
        await using var connection = await database.OpenAsync(cancellationToken);
        var known = (await connection.QueryAsync<(string Guid, long Failures)>(new CommandDefinition(
            """
            SELECT guid, failures FROM bluebubbles_chat_guids WHERE transport = @transport AND chat_key = @key
            ORDER BY CASE WHEN failures >= @FailingAfter THEN 1 ELSE 0 END, coalesce(last_sent_at, 0) DESC, failures, coalesce(last_inbound_at, 0) DESC
            """,
            new { transport, key, FailingAfter },
            cancellationToken: cancellationToken))).ToList();
        if (known.Count == 0)
        {
            return chatId;
        }

        if (known[0].Failures < FailingAfter)
        {
            return known[0].Guid;
        }

        // Every shape seen keeps failing (macOS 26's any;+;chat… cannot be addressed): try the iMessage shape once it is not failing too.
        var rebuilt = BlueBubblesChatKeys.WithDeliverableService(known[0].Guid);
        return known.Any(guid => guid.Guid == rebuilt) ? known[0].Guid : rebuilt;
    }

    /// <summary>A send to <paramref name="chatGuid"/> went out, or Messages refused it: what the next reply's guid is chosen by.</summary>
    public async Task RecordSendAsync(string transport, string chatGuid, bool worked, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            worked
                ? """
                  INSERT INTO bluebubbles_chat_guids (transport, guid, chat_key, last_sent_at, failures) VALUES (@transport, @chatGuid, @key, @now, 0)
                  ON CONFLICT (transport, guid) DO UPDATE SET last_sent_at = excluded.last_sent_at, failures = 0
                  """
                : """
                  INSERT INTO bluebubbles_chat_guids (transport, guid, chat_key, failures) VALUES (@transport, @chatGuid, @key, 1)
                  ON CONFLICT (transport, guid) DO UPDATE SET failures = bluebubbles_chat_guids.failures + 1
                  """,
            new { transport, chatGuid, key = BlueBubblesChatKeys.KeyOf(chatGuid), now },
            cancellationToken: cancellationToken));
    }
}
