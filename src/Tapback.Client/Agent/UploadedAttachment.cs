namespace Tapback.Client;

/// <summary>A file uploaded to the gateway: send it with <see cref="SendOptions.AttachmentIds"/>.</summary>
public sealed record UploadedAttachment(string AttachmentId, Uri DownloadUrl, long SizeBytes);
