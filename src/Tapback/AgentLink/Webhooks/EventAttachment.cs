namespace Tapback.AgentLink.Webhooks;

/// <summary>A file in a message event; <see cref="Url"/> is signed and time-limited, so it needs no credential.</summary>
internal sealed record EventAttachment
{
    public required string Url { get; init; }
    public required string MimeType { get; init; }
    public required string Name { get; init; }
    public required long Size { get; init; }
}
