using Dapper;
using Tapback.Storage;

namespace Tapback.Transports.MacMessages;

/// <summary>
/// MacMessages' own rows in Tapback's store: where each instance's read of chat.db resumes, and which
/// chat.db guid is which Tapback message. Shared by every MacMessages instance; each row names its instance.
/// </summary>
internal sealed class MacMessagesStore(Database database)
{
    public const string Inbound = "in";
    public const string Outbound = "out";

    public async Task<long?> CursorAsync(string transport, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT last_rowid FROM macmessages_cursors WHERE transport = @transport",
            new { transport },
            cancellationToken: cancellationToken));
    }

    /// <summary>Moves the cursor forward, never back.</summary>
    public async Task AdvanceCursorAsync(string transport, long lastRowId, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO macmessages_cursors (transport, last_rowid, updated_at) VALUES (@transport, @lastRowId, @now)
            ON CONFLICT (transport) DO UPDATE SET
                last_rowid = CASE WHEN excluded.last_rowid > macmessages_cursors.last_rowid THEN excluded.last_rowid ELSE macmessages_cursors.last_rowid END,
                updated_at = excluded.updated_at
            """,
            new { transport, lastRowId, now },
            cancellationToken: cancellationToken));
    }

    /// <summary>Records that a guid is a Tapback message; false when the guid was already someone's.</summary>
    public async Task<bool> MapAsync(string transport, string guid, string messageId, string direction, int part, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            INSERT INTO macmessages_messages (transport, guid, message_id, direction, part, created_at)
            VALUES (@transport, @guid, @messageId, @direction, @part, @now)
            ON CONFLICT (transport, guid) DO NOTHING
            RETURNING guid
            """,
            new { transport, guid, messageId, direction, part, now },
            cancellationToken: cancellationToken));
        return inserted is not null;
    }

    /// <summary>The Tapback message a guid became: one we received, or one we sent.</summary>
    public async Task<string?> MessageIdOfAsync(string transport, string guid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT message_id FROM macmessages_messages WHERE transport = @transport AND guid = @guid",
            new { transport, guid },
            cancellationToken: cancellationToken));
    }

    /// <summary>The guid a part of one of our sends went out as, when it was seen in chat.db.</summary>
    public async Task<string?> SentPartAsync(string transport, string messageId, int part, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT guid FROM macmessages_messages WHERE transport = @transport AND message_id = @messageId AND part = @part AND direction = '{Outbound}'",
            new { transport, messageId, part },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> IsMappedAsync(string transport, string guid, CancellationToken cancellationToken = default) =>
        await MessageIdOfAsync(transport, guid, cancellationToken) is not null;

    /// <summary>Our first-part sends since <paramref name="since"/> that may still be delivered, read or fail.</summary>
    public async Task<IReadOnlyList<(string Guid, string? Reported)>> OpenSendsAsync(string transport, long since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string, string?)>(new CommandDefinition(
            $"""
            SELECT guid, reported FROM macmessages_messages
            WHERE transport = @transport AND direction = '{Outbound}' AND part = 0 AND created_at >= @since
              AND (reported IS NULL OR reported = '{MacMessagesReports.Delivered}')
            ORDER BY created_at
            LIMIT 500
            """,
            new { transport, since },
            cancellationToken: cancellationToken));
        return [.. rows];
    }

    public async Task MarkReportedAsync(string transport, string guid, string reported, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE macmessages_messages SET reported = @reported WHERE transport = @transport AND guid = @guid",
            new { transport, guid, reported },
            cancellationToken: cancellationToken));
    }
}
