using Dapper;
using Tapback.Gateway.Attachments;
using Tapback.Storage;

namespace Tapback.Transports.BlueBubbles;

/// <summary>Files a stored message is still waiting for.</summary>
internal sealed partial class BlueBubblesStore
{
    /// <summary>Tries (one a catch-up round) before a file is given up on.</summary>
    public const int MaxFileTries = 50;

    public async Task AddPendingFileAsync(string transport, BlueBubblesPendingFile file, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bluebubbles_pending_files (transport, attachment_guid, message_id, file_name, mime_type, position, tries, created_at)
            VALUES (@transport, @AttachmentGuid, @MessageId, @FileName, @MimeType, @Position, 0, @now)
            ON CONFLICT (transport, attachment_guid) DO NOTHING
            """,
            new { transport, file.AttachmentGuid, file.MessageId, file.FileName, file.MimeType, file.Position, now },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<BlueBubblesPendingFile>> PendingFilesAsync(string transport, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<BlueBubblesPendingFile>(new CommandDefinition(
            """
            SELECT attachment_guid AS AttachmentGuid, message_id AS MessageId, file_name AS FileName, mime_type AS MimeType, position AS Position
            FROM bluebubbles_pending_files WHERE transport = @transport AND tries < @MaxFileTries
            ORDER BY created_at LIMIT @limit
            """,
            new { transport, MaxFileTries, limit },
            cancellationToken: cancellationToken))];
    }

    /// <summary>The file arrived: linked to its message and no longer pending, together.</summary>
    public async Task AttachPendingFileAsync(string transport, BlueBubblesPendingFile file, StoredAttachment stored, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM bluebubbles_pending_files WHERE transport = @transport AND attachment_guid = @AttachmentGuid",
            new { transport, file.AttachmentGuid },
            transaction,
            cancellationToken: cancellationToken));
        if (deleted == 1)
        {
            await AttachmentRows.InsertAtAsync(connection, transaction, file.MessageId, [stored], (attachment, _) => attachment.Id, (int)file.Position, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task CountPendingFileTryAsync(string transport, string attachmentGuid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE bluebubbles_pending_files SET tries = tries + 1 WHERE transport = @transport AND attachment_guid = @attachmentGuid",
            new { transport, attachmentGuid },
            cancellationToken: cancellationToken));
    }
}
