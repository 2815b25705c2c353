namespace Tapback.Gateway.Attachments.Downloads;

/// <summary>One attachment to fetch into the attachment store.</summary>
internal sealed record AttachmentDownload
{
    /// <summary>The id the stored attachment gets; derive it from the transport's event so a retry agrees.</summary>
    public required string Id { get; init; }

    public required Uri Url { get; init; }

    public required AttachmentOrigin Origin { get; init; }

    /// <summary>The file name; when null, the server's Content-Disposition or the URL's last segment.</summary>
    public string? FileName { get; init; }

    /// <summary>The media type; when null, the server's Content-Type.</summary>
    public string? ContentType { get; init; }

    /// <summary>Headers the provider wants on the request, such as its API key.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
