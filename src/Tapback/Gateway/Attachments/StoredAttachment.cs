namespace Tapback.Gateway.Attachments;

/// <summary>A file already written to the attachment store, ready to be linked to a message.</summary>
internal sealed record StoredAttachment
{
    public required string Id { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required long SizeBytes { get; init; }
    public required string Sha256 { get; init; }
}
