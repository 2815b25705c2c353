namespace Tapback.Client;

/// <summary>A file of a message (REST and webhooks): a signed URL valid a day.</summary>
public sealed record Attachment
{
    /// <summary>The signed download URL.</summary>
    public required string Url { get; init; }

    /// <summary>Its MIME type.</summary>
    public string? MimeType { get; init; }

    /// <summary>Its file name.</summary>
    public string? Name { get; init; }

    /// <summary>Its size in bytes.</summary>
    public long Size { get; init; }
}
