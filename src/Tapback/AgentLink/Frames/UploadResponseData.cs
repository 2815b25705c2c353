namespace Tapback.AgentLink.Frames;

/// <summary><c>upload_attachment.response</c>: where to PUT the bytes, and how to refer to them.</summary>
internal sealed record UploadResponseData(
    string AttachmentId, string UploadUrl, string DownloadUrl, IReadOnlyDictionary<string, string> RequiredHeaders, DateTimeOffset ExpiresAt);
