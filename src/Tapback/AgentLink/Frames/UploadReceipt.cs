namespace Tapback.AgentLink.Frames;

/// <summary>The answer to a PUT of an upload's bytes.</summary>
internal sealed record UploadReceipt(string AttachmentId, long SizeBytes);
