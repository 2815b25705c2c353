using Dapper;
using Tapback.Storage;

namespace Tapback.Gateway.Attachments;

/// <summary>Finds a stored attachment's file by its id.</summary>
internal sealed class AttachmentReader(Database database, AttachmentStore store)
{
    public async Task<(string Path, string ContentType, string FileName)?> FindAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Sha256, string ContentType, string FileName)?>(new CommandDefinition(
            "SELECT sha256, content_type, file_name FROM attachments WHERE id = @attachmentId",
            new { attachmentId },
            cancellationToken: cancellationToken));
        return row is { } found ? (store.PathOf(found.Sha256), found.ContentType, found.FileName) : null;
    }
}
