namespace Tapback.Client;

/// <summary><c>upload_attachment</c>.</summary>
internal sealed record UploadAttachmentData(string Filename, string ContentType, long SizeBytes);
