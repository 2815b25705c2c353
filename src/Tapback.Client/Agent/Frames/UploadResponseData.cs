namespace Tapback.Client;

/// <summary><c>upload_attachment.response</c>: where to PUT the bytes.</summary>
internal sealed record UploadResponseData(string AttachmentId, string UploadUrl, string DownloadUrl, IReadOnlyDictionary<string, string>? RequiredHeaders, DateTimeOffset? ExpiresAt);
