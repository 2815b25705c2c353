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
            await WriteAsync(path, content, cancellationToken);
        }

        return new StoredAttachment
        {
            Id = id,
            FileName = Path.GetFileName(fileName),
            // The bytes, not the label, where the two disagree; a label that is not a valid type (a
            // provider's: the intakes that face clients refuse one) counts as no label.
            ContentType = ContentTypeSniffer.Resolve(ContentTypes.OrOctetStream(contentType), content.Span),
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

    /// <summary>
    /// Where a file derived from a stored one lives (a converted photo, a resampled voice note): next to
    /// the original, named by the original's hash and a suffix that names the conversion, so the same
    /// conversion of the same bytes is made once however often a message is shown to the model.
    /// </summary>
    public string DerivedPathOf(string sha256, string suffix)
    {
        if (suffix.Length is 0 or > 64 || !suffix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-'))
        {
            throw new ArgumentException("A derived file's suffix is lower-case letters, digits, dots and dashes.", nameof(suffix));
        }

        return $"{PathOf(sha256)}.{suffix}";
    }

    /// <summary>Writes a derived file whole: a reader sees the old file, the new one, or none, never a part.</summary>
    public async Task SaveDerivedAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(Path.GetDirectoryName(Path.GetFullPath(path)), Path.GetFullPath(_directory), StringComparison.Ordinal))
        {
            throw new ArgumentException("A derived file lives in the attachment store.", nameof(path));
        }

        await WriteAsync(path, content, cancellationToken);
    }

    private static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await DataDirectory.WriteFileAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
