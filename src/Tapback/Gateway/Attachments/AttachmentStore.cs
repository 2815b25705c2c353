using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tapback.Storage;

namespace Tapback.Gateway.Attachments;

/// <summary>
/// Keeps attachment bytes as files named by their SHA-256, so a retried upload writes nothing new and
/// a file is complete before any row points at it (written to a temporary name, then moved).
/// </summary>
internal sealed class AttachmentStore(IOptions<StorageOptions> options)
{
    private readonly string _directory = options.Value.AttachmentsDirectory;

    public async Task<StoredAttachment> SaveAsync(string id, string fileName, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(_directory);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }

        return new StoredAttachment
        {
            Id = id,
            FileName = Path.GetFileName(fileName),
            ContentType = contentType,
            SizeBytes = content.Length,
            Sha256 = sha256,
        };
    }

    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a SHA-256 in lower-case hex.", nameof(sha256));
        }

        return Path.Combine(_directory, sha256);
    }
}
