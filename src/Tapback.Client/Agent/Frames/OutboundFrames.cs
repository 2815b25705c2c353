namespace Tapback.Client;

// The client → gateway frames' data, as docs/protocol.md section 4 gives them. Internal: the public
// API is the client's methods, so these shapes can follow the protocol without breaking callers.

/// <summary><c>ready</c>; this client always asks for acknowledged delivery.</summary>
internal sealed record ReadyData(bool Acks);

/// <summary><c>ack</c>: every event up to <see cref="Seq"/> delivered on this connection was handled.</summary>
internal sealed record AckData(long Seq);

/// <summary><c>start_typing</c>, <c>stop_typing</c>, <c>mark_read</c>.</summary>
internal sealed record ChatData(string ChatId);

/// <summary><c>send_reaction</c>.</summary>
internal sealed record SendReactionData(string MessageId, string Operation, string ReactionType);

/// <summary><c>edit_message</c>.</summary>
internal sealed record EditMessageData(string MessageId, string Text, string? ClientMessageId);

/// <summary><c>unsend_message</c>.</summary>
internal sealed record UnsendMessageData(string MessageId);

/// <summary><c>upload_attachment</c>.</summary>
internal sealed record UploadAttachmentData(string Filename, string ContentType, long SizeBytes);

/// <summary><c>upload_attachment.response</c>: where to PUT the bytes.</summary>
internal sealed record UploadResponseData(string AttachmentId, string UploadUrl, string DownloadUrl, IReadOnlyDictionary<string, string>? RequiredHeaders, DateTimeOffset? ExpiresAt);
