using Dapper;
using Tapback.Storage;

namespace Tapback.AgentLink;

/// <summary>The <c>uploads</c> rows: announced, then filled by a PUT, then sent as a message's attachment.</summary>
internal sealed class UploadStore(Database database, TimeProvider time)
{
    private const string Columns =
        "id AS Id, integration_id AS IntegrationId, file_name AS FileName, content_type AS ContentType, size_bytes AS SizeBytes, sha256 AS Sha256, expires_at AS ExpiresAt";

    public async Task<Upload> CreateAsync(string integrationId, string fileName, string contentType, long sizeBytes, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var upload = new Upload
        {
            Id = Ids.New("upl"),
            IntegrationId = integrationId,
            FileName = Path.GetFileName(fileName),
            ContentType = contentType,
            SizeBytes = sizeBytes,
            ExpiresAt = now + (long)lifetime.TotalMilliseconds,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO uploads (id, integration_id, file_name, content_type, size_bytes, expires_at, created_at)
            VALUES (@Id, @IntegrationId, @FileName, @ContentType, @SizeBytes, @ExpiresAt, @now)
            """,
            new { upload.Id, upload.IntegrationId, upload.FileName, upload.ContentType, upload.SizeBytes, upload.ExpiresAt, now },
            cancellationToken: cancellationToken));
        return upload;
    }

    public async Task<Upload?> FindAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Upload>(new CommandDefinition(
            $"SELECT {Columns} FROM uploads WHERE id = @uploadId",
            new { uploadId },
            cancellationToken: cancellationToken));
    }

    public async Task CompleteAsync(string uploadId, string sha256, long sizeBytes, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE uploads SET sha256 = @sha256, size_bytes = @sizeBytes, uploaded_at = @now WHERE id = @uploadId",
            new { uploadId, sha256, sizeBytes, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }
}
