using System.Data.Common;
using Dapper;

namespace Tapback.Gateway.Attachments;

/// <summary>Links stored files to a message, in order, inside the caller's transaction (inbound and outbound alike).</summary>
internal static class AttachmentRows
{
    /// <param name="rowId">The attachment row's id for a file and its position.</param>
    public static Task InsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        string messageId,
        IReadOnlyList<StoredAttachment> attachments,
        Func<StoredAttachment, int, string> rowId,
        long now,
        CancellationToken cancellationToken) =>
        InsertAtAsync(connection, transaction, messageId, attachments, rowId, firstPosition: 0, now, cancellationToken);

    /// <param name="firstPosition">The first file's position: above 0 for a file that joins its message later.</param>
    public static async Task InsertAtAsync(
        DbConnection connection,
        DbTransaction transaction,
        string messageId,
        IReadOnlyList<StoredAttachment> attachments,
        Func<StoredAttachment, int, string> rowId,
        int firstPosition,
        long now,
        CancellationToken cancellationToken)
    {
        for (var index = 0; index < attachments.Count; index++)
        {
            var attachment = attachments[index];
            var position = firstPosition + index;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO attachments (id, message_id, file_name, content_type, size_bytes, sha256, created_at, position)
                VALUES (@id, @messageId, @FileName, @ContentType, @SizeBytes, @Sha256, @now, @position)
                """,
                new { id = rowId(attachment, position), messageId, attachment.FileName, attachment.ContentType, attachment.SizeBytes, attachment.Sha256, now, position },
                transaction,
                cancellationToken: cancellationToken));
        }
    }
}
