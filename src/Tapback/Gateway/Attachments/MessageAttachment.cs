namespace Tapback.Gateway.Attachments;

/// <summary>An attachment of a stored message, with where its bytes are on disk.</summary>
internal sealed record MessageAttachment
{
    public required string Id { get; init; }
    public required string MessageId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required long SizeBytes { get; init; }
    public required string Sha256 { get; init; }

    /// <summary>The file in the attachment store.</summary>
    public required string Path { get; init; }
}
