using System.Data.Common;
using Dapper;
using Tapback.Storage;

namespace Tapback.Gateway.Attachments;

/// <summary>Finds stored attachments and their files.</summary>
internal sealed class AttachmentReader(Database database, AttachmentStore store)
{
    public async Task<(string Path, string ContentType, string FileName)?> FindAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Sha256, string ContentType, string FileName)?>(new CommandDefinition(
            "SELECT sha256, content_type, file_name FROM attachments WHERE id = @attachmentId",
            new { attachmentId },
            cancellationToken: cancellationToken));
        // A row stored before intakes checked the type would fail every download as a header: served opaque.
        return row is { } found ? (store.PathOf(found.Sha256), ContentTypes.OrOctetStream(found.ContentType), found.FileName) : null;
    }

    /// <summary>
    /// A stored attachment of a message in a conversation on <paramref name="transport"/>: a transport
    /// that serves files by id serves only its own, never another transport's by a guessed id.
    /// </summary>
    public async Task<(string Path, string ContentType, string FileName)?> FindOnTransportAsync(
        string attachmentId, string transport, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Sha256, string ContentType, string FileName)?>(new CommandDefinition(
            """
            SELECT a.sha256, a.content_type, a.file_name FROM attachments a
            JOIN messages m ON m.id = a.message_id
            JOIN conversations c ON c.id = m.conversation_id
            WHERE a.id = @attachmentId AND c.transport = @transport
            """,
            new { attachmentId, transport },
            cancellationToken: cancellationToken));
        return row is { } found ? (store.PathOf(found.Sha256), ContentTypes.OrOctetStream(found.ContentType), found.FileName) : null;
    }

    /// <summary>The attachments of each of the messages, in the order they were sent, by message id.</summary>
    public async Task<ILookup<string, MessageAttachment>> ForMessagesAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default)
    {
        if (messageIds.Count == 0)
        {
            return Array.Empty<MessageAttachment>().ToLookup(attachment => attachment.MessageId);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await ForMessagesAsync(connection, transaction: null, messageIds, cancellationToken);
    }

    /// <summary>The same, on the caller's connection (in its transaction, when it has one): a turn's reads share one.</summary>
    public async Task<ILookup<string, MessageAttachment>> ForMessagesAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return Array.Empty<MessageAttachment>().ToLookup(attachment => attachment.MessageId);
        }

        var rows = await connection.QueryAsync<(string Id, string MessageId, string FileName, string ContentType, long SizeBytes, string Sha256)>(new CommandDefinition(
            $"""
            SELECT id, message_id, file_name, content_type, size_bytes, sha256 FROM attachments
            WHERE message_id {SqlDialect.InListOneText(connection, "@messageIds")}
            ORDER BY created_at, position, id
            """,
            new { messageIds = SqlDialect.ListValue(connection, messageIds) },
            transaction,
            cancellationToken: cancellationToken));
        return rows
            .Select(row => new MessageAttachment
            {
                Id = row.Id,
                MessageId = row.MessageId,
                FileName = row.FileName,
                ContentType = ContentTypes.OrOctetStream(row.ContentType),
                SizeBytes = row.SizeBytes,
                Sha256 = row.Sha256,
                Path = store.PathOf(row.Sha256),
            })
            .ToLookup(attachment => attachment.MessageId);
    }
}
