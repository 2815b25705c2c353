using Dapper;
using Tapback.Gateway.Conversations;
using Tapback.Storage;

namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// BlueBubbles' own rows: which guid is which Tapback message, what each send part did, and where
/// catch-up resumes. Shared by every BlueBubbles instance; each row names its instance.
/// </summary>
internal sealed partial class BlueBubblesStore(Database database, ConversationReader conversations)
{
    public async Task MapAsync(string transport, string guid, string messageId, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bluebubbles_messages (transport, guid, message_id, created_at)
            VALUES (@transport, @guid, @messageId, @now)
            ON CONFLICT (transport, guid) DO NOTHING
            """,
            new { transport, guid, messageId, now },
            cancellationToken: cancellationToken));
    }

    /// <summary>The Tapback message a guid became: one we received, or one we sent.</summary>
    public async Task<string?> MessageIdOfAsync(string transport, string guid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT message_id FROM bluebubbles_messages WHERE transport = @transport AND guid = @guid",
            new { transport, guid },
            cancellationToken: cancellationToken));
    }

    /// <summary>The guid of a Tapback message (its first part, for a send of several).</summary>
    public async Task<string?> GuidOfAsync(string transport, string messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT guid FROM bluebubbles_messages WHERE transport = @transport AND message_id = @messageId ORDER BY created_at LIMIT 1",
            new { transport, messageId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Every guid a Tapback message went out as (a send with files is several), oldest first.</summary>
    public async Task<IReadOnlyList<string>> GuidsOfAsync(string transport, string messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var guids = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT guid FROM bluebubbles_messages WHERE transport = @transport AND message_id = @messageId ORDER BY created_at, guid",
            new { transport, messageId },
            cancellationToken: cancellationToken));
        return [.. guids];
    }

    /// <summary>Records the first attempt of one send part; null when this is the first, else the earlier attempt's row.</summary>
    public async Task<BlueBubblesSendPart?> BeginSendAsync(string transport, string tempGuid, string messageId, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            INSERT INTO bluebubbles_sends (transport, temp_guid, message_id, attempted_at)
            VALUES (@transport, @tempGuid, @messageId, @now)
            ON CONFLICT (transport, temp_guid) DO NOTHING
            RETURNING temp_guid
            """,
            new { transport, tempGuid, messageId, now },
            cancellationToken: cancellationToken));
        return inserted is not null ? null : await FindSendAsync(transport, tempGuid, cancellationToken);
    }

    public async Task<BlueBubblesSendPart?> FindSendAsync(string transport, string tempGuid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BlueBubblesSendPart>(new CommandDefinition(
            "SELECT temp_guid AS TempGuid, attempted_at AS AttemptedAt, guid AS Guid FROM bluebubbles_sends WHERE transport = @transport AND temp_guid = @tempGuid",
            new { transport, tempGuid },
            cancellationToken: cancellationToken));
    }

    /// <summary>A part went out as <paramref name="guid"/>: recorded for the retry and for tapbacks on it.</summary>
    public async Task CompleteSendAsync(string transport, string tempGuid, string messageId, string guid, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = Database.BeginWrite(connection);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bluebubbles_sends (transport, temp_guid, message_id, attempted_at, guid, done_at)
            VALUES (@transport, @tempGuid, @messageId, @now, @guid, @now)
            ON CONFLICT (transport, temp_guid) DO UPDATE SET guid = excluded.guid, done_at = excluded.done_at
            """,
            new { transport, tempGuid, messageId, guid, now },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bluebubbles_messages (transport, guid, message_id, created_at)
            VALUES (@transport, @guid, @messageId, @now)
            ON CONFLICT (transport, guid) DO NOTHING
            """,
            new { transport, guid, messageId, now },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The one-to-one chat guid (<c>service;-;handle</c>) a handle last wrote from, if it ever did.</summary>
    public async Task<string?> ChatGuidOfHandleAsync(string transport, string handle, CancellationToken cancellationToken = default) =>
        (await conversations.OneToOneChatIdsAsync(transport, handle, cancellationToken)).FirstOrDefault(chatId => chatId.Contains(";-;", StringComparison.Ordinal));

    /// <summary>The newest message date seen, and the first start (the floor of every catch-up); null before the first start.</summary>
    public async Task<(long SeenUntil, long? StartedAt)?> CursorAsync(string transport, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<(long SeenUntil, long? StartedAt)?>(new CommandDefinition(
            "SELECT seen_until, started_at FROM bluebubbles_cursors WHERE transport = @transport",
            new { transport },
            cancellationToken: cancellationToken));
    }

    /// <summary>Moves the cursor forward, never back.</summary>
    public async Task AdvanceCursorAsync(string transport, long seenUntil, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bluebubbles_cursors (transport, seen_until, updated_at, started_at) VALUES (@transport, @seenUntil, @now, @seenUntil)
            ON CONFLICT (transport) DO UPDATE SET
                seen_until = CASE WHEN excluded.seen_until > bluebubbles_cursors.seen_until THEN excluded.seen_until ELSE bluebubbles_cursors.seen_until END,
                updated_at = excluded.updated_at
            """,
            new { transport, seenUntil, now },
            cancellationToken: cancellationToken));
    }
}
