namespace Tapback.AgentLink;

/// <summary>A file an agent announced with <c>upload_attachment</c>; <see cref="Sha256"/> is set once its bytes arrived.</summary>
internal sealed record Upload
{
    public required string Id { get; init; }
    public required string IntegrationId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required long SizeBytes { get; init; }
    public string? Sha256 { get; init; }
    public required long ExpiresAt { get; init; }
}
