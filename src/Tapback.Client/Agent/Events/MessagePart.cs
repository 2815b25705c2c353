namespace Tapback.Client;

/// <summary>
/// One part of a message: <c>text</c> with <see cref="Value"/>, or <c>media</c> with a signed
/// <see cref="Url"/> (inbound) or an <see cref="AttachmentId"/> from an upload (outbound).
/// </summary>
public sealed record MessagePart
{
    /// <summary><c>text</c> or <c>media</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The text of a text part.</summary>
    public string? Value { get; init; }

    /// <summary>A media part's signed download URL (valid a day; no header needed).</summary>
    public string? Url { get; init; }

    /// <summary>A media part's MIME type.</summary>
    public string? MimeType { get; init; }

    /// <summary>A media part's file name.</summary>
    public string? Filename { get; init; }

    /// <summary>A media part's size in bytes.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>An uploaded file to send (<see cref="TapbackAgentClient.UploadAsync"/>).</summary>
    public string? AttachmentId { get; init; }

    /// <summary>A text part.</summary>
    public static MessagePart Text(string value) => new() { Type = "text", Value = value };

    /// <summary>A media part naming an uploaded file.</summary>
    public static MessagePart Media(string attachmentId) => new() { Type = "media", AttachmentId = attachmentId };
}
