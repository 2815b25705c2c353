namespace Tapback.AgentLink.Frames;

/// <summary><c>upload_attachment</c>.</summary>
internal sealed record UploadAttachmentData
{
    public string? Filename { get; init; }
    public string? ContentType { get; init; }
    public long? SizeBytes { get; init; }
}
