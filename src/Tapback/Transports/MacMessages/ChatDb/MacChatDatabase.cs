using Dapper;
using Microsoft.Data.Sqlite;

namespace Tapback.Transports.MacMessages.ChatDb;

/// <summary>
/// Reads the Messages database, never writes it: each read opens a read-only connection (SQLite
/// still sees what Messages has in its WAL), waits briefly on Messages' locks, and turns "cannot
/// open" into words a Mac user can act on. Columns are read by name, since they differ between
/// macOS versions; a column this Mac's schema lacks reads as NULL.
/// </summary>
internal sealed partial class MacChatDatabase(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        // A fresh connection per read: nothing holds chat.db open between polls.
        Pooling = false,
        DefaultTimeout = 5,
    }.ToString();

    private string? _rowSelect;
    private bool _changesReadable;

    public string Path => path;

    public Task<long> MaxRowIdAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(connection => connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT coalesce(max(ROWID), 0) FROM message", cancellationToken: cancellationToken)));

    /// <summary>Rows after <paramref name="afterRowId"/>, in ROWID order.</summary>
    public Task<IReadOnlyList<ChatDbRow>> ReadAfterAsync(long afterRowId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            var select = await RowSelectAsync(connection, cancellationToken);
            var rows = await connection.QueryAsync<ChatDbRow>(new CommandDefinition(
                $"{select} WHERE m.ROWID > @afterRowId ORDER BY m.ROWID LIMIT @limit",
                new { afterRowId, limit },
                cancellationToken: cancellationToken));
            return (IReadOnlyList<ChatDbRow>)[.. rows];
        });

    /// <summary>
    /// Rows sent from this Mac into a chat after a point (a ROWID and a time): where our own send shows
    /// up. A one-to-one chat is also found by its handle, since Messages may link the chat row late.
    /// </summary>
    public Task<IReadOnlyList<ChatDbRow>> OwnRowsAsync(MacChatTarget target, long afterRowId, long afterDate, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            var select = await RowSelectAsync(connection, cancellationToken);
            var rows = await connection.QueryAsync<ChatDbRow>(new CommandDefinition(
                $"""
                {select}
                WHERE m.is_from_me = 1 AND m.ROWID > @afterRowId AND m.date >= @afterDate
                  AND (c.guid = @id OR (@isGroup = 0 AND (c.chat_identifier = @id OR h.id = @id)))
                ORDER BY m.ROWID
                LIMIT 200
                """,
                new { afterRowId, afterDate, id = target.Id, isGroup = target.IsGroup ? 1 : 0 },
                cancellationToken: cancellationToken));
            return (IReadOnlyList<ChatDbRow>)[.. rows];
        });

    /// <summary>
    /// The person's rows sent since <paramref name="sentSince"/> that were edited or unsent after
    /// <paramref name="changedAfter"/> (Apple nanoseconds). Cheap on any size of chat.db: <c>date</c> is
    /// indexed and Apple allows edits only within 15 minutes of the send. Empty on a macOS without the
    /// columns (before Ventura, where nothing can be edited or unsent).
    /// </summary>
    public Task<IReadOnlyList<ChatDbRow>> ChangedAsync(long sentSince, long changedAfter, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            var select = await RowSelectAsync(connection, cancellationToken);
            if (!_changesReadable)
            {
                return (IReadOnlyList<ChatDbRow>)[];
            }

            var rows = await connection.QueryAsync<ChatDbRow>(new CommandDefinition(
                $"""
                {select}
                WHERE m.date >= @sentSince AND m.is_from_me = 0 AND (m.date_edited > @changedAfter OR m.date_retracted > @changedAfter)
                ORDER BY m.ROWID
                LIMIT 500
                """,
                new { sentSince, changedAfter },
                cancellationToken: cancellationToken));
            return (IReadOnlyList<ChatDbRow>)[.. rows];
        });

    public Task<IReadOnlyList<ChatDbAttachment>> AttachmentsOfAsync(long rowId, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            var rows = await connection.QueryAsync<ChatDbAttachment>(new CommandDefinition(
                """
                SELECT a.guid AS Guid, a.filename AS FileName, a.mime_type AS MimeType, a.transfer_name AS TransferName, a.total_bytes AS TotalBytes
                FROM message_attachment_join j JOIN attachment a ON a.ROWID = j.attachment_id
                WHERE j.message_id = @rowId
                ORDER BY a.ROWID
                """,
                new { rowId },
                cancellationToken: cancellationToken));
            return (IReadOnlyList<ChatDbAttachment>)[.. rows];
        });

    public Task<IReadOnlyList<ChatDbStatus>> StatusesAsync(IReadOnlyCollection<string> guids, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            var rows = await connection.QueryAsync<ChatDbStatus>(new CommandDefinition(
                """
                SELECT guid AS Guid, coalesce(is_delivered, 0) AS IsDelivered, coalesce(date_delivered, 0) AS DateDelivered,
                       coalesce(date_read, 0) AS DateRead, coalesce(error, 0) AS Error
                FROM message WHERE guid IN @guids
                """,
                new { guids },
                cancellationToken: cancellationToken));
            return (IReadOnlyList<ChatDbStatus>)[.. rows];
        });

    private async Task<string> RowSelectAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (_rowSelect is not null)
        {
            return _rowSelect;
        }

        var columns = (await connection.QueryAsync<string>(new CommandDefinition("SELECT name FROM pragma_table_info('message')", cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        string Column(string name, string alias) => columns.Contains(name) ? $"m.{name} AS {alias}" : $"NULL AS {alias}";
        string Coalesced(string name, string alias) => columns.Contains(name) ? $"coalesce(m.{name}, 0) AS {alias}" : $"0 AS {alias}";
        _changesReadable = columns.Contains("date_edited") && columns.Contains("date_retracted");

        // A message is linked to one chat; should Messages link it to two, the first chat answers.
        _rowSelect = $"""
            SELECT m.ROWID AS RowId, m.guid AS Guid, m.text AS Text, {Column("attributedBody", "AttributedBody")},
                   coalesce(m.is_from_me, 0) AS IsFromMe, coalesce(m.date, 0) AS Date, coalesce(m.item_type, 0) AS ItemType,
                   coalesce(m.associated_message_type, 0) AS AssociatedMessageType, {Column("associated_message_guid", "AssociatedMessageGuid")},
                   {Column("associated_message_emoji", "AssociatedMessageEmoji")}, {Column("thread_originator_guid", "ThreadOriginatorGuid")},
                   coalesce(m.cache_has_attachments, 0) AS HasAttachments,
                   {Column("expressive_send_style_id", "ExpressiveSendStyleId")}, {Column("service", "Service")},
                   {Coalesced("date_edited", "DateEdited")}, {Coalesced("date_retracted", "DateRetracted")},
                   {Column("message_summary_info", "MessageSummaryInfo")},
                   h.id AS Handle, c.guid AS ChatGuid, c.chat_identifier AS ChatIdentifier, c.style AS ChatStyle, c.display_name AS DisplayName
            FROM message m
            LEFT JOIN handle h ON h.ROWID = m.handle_id
            LEFT JOIN chat c ON c.ROWID = (SELECT j.chat_id FROM chat_message_join j WHERE j.message_id = m.ROWID ORDER BY j.chat_id LIMIT 1)
            """;
        return _rowSelect;
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read)
    {
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync();
            return await read(connection);
        }
        catch (SqliteException exception)
        {
            throw Explain(exception);
        }
    }
}
