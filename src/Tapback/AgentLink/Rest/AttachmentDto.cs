namespace Tapback.AgentLink.Rest;

/// <summary>A file of a message; <see cref="Url"/> is signed and time-limited, so fetching it needs no credential.</summary>
internal sealed record AttachmentDto
{
    public required string Url { get; init; }
    public required string MimeType { get; init; }
    public required string Name { get; init; }
    public required long Size { get; init; }
}
