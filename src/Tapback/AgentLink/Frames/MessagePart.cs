namespace Tapback.AgentLink.Frames;

/// <summary>
/// One part of a message: <c>{type: "text", value}</c>, or <c>{type: "media", …}</c> with
/// <c>url</c>, <c>mimeType</c>, <c>filename</c>, <c>sizeBytes</c> inbound and <c>attachmentId</c> outbound.
/// </summary>
internal sealed record MessagePart
{
    public string? Type { get; init; }
    public string? Value { get; init; }
    public string? Url { get; init; }
    public string? MimeType { get; init; }
    public string? Filename { get; init; }
    public long? SizeBytes { get; init; }
    public string? AttachmentId { get; init; }

    public static MessagePart Text(string value) => new() { Type = "text", Value = value };
}
