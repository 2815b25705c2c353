namespace Tapback.Transports.BlueBubbles.Api;

/// <summary>A file on a message; its bytes come from <c>GET /attachment/{guid}/download</c>.</summary>
internal sealed record BlueBubblesAttachment
{
    public string? Guid { get; init; }

    public string? MimeType { get; init; }

    public string? TransferName { get; init; }

    public long? TotalBytes { get; init; }
}
