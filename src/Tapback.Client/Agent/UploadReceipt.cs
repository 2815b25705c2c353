namespace Tapback.Client;

/// <summary>The gateway's answer to the PUT of an upload's bytes.</summary>
internal sealed record UploadReceipt(string AttachmentId, long SizeBytes);
