namespace Tapback.Messaging;

/// <summary>A stored file the gateway asks a transport to send.</summary>
internal sealed record OutboundAttachment
{
    public required string AttachmentId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required string Path { get; init; }
}
