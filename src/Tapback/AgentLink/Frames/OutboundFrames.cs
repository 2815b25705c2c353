namespace Tapback.AgentLink.Frames;

/// <summary><c>connected</c>: the answer to <c>ready</c>.</summary>
internal sealed record ConnectedData(long QueuedCount, bool Acks, string IntegrationId);

/// <summary><c>message.received</c>: a message the phone sent.</summary>
internal sealed record MessageReceivedData(
    string MessageId, string ChatId, string? ChatName, string From, IReadOnlyList<MessagePart> Parts, DateTimeOffset SentAt);

/// <summary><c>reaction.added</c> / <c>reaction.removed</c>: a tapback on <see cref="MessageId"/>.</summary>
internal sealed record ReactionData(string MessageId, string ReactionType, string From, string ChatId);

/// <summary><c>message.sent</c>: a message the agent asked to send was sent.</summary>
internal sealed record MessageSentData(string MessageId, string ChatId, string? ClientMessageId);

/// <summary><c>message.failed</c>: a message the agent asked to send could not be sent.</summary>
internal sealed record MessageFailedData(string ChatId, string Error, string? MessageId, string? ClientMessageId);

/// <summary><c>message.delivered</c> / <c>message.read</c>: the phone's receipt for an agent message.</summary>
internal sealed record MessageStatusData(string MessageId, string ChatId);

/// <summary><c>typing.started</c> / <c>typing.stopped</c>.</summary>
internal sealed record TypingData(string ChatId);

/// <summary><c>upload_attachment.response</c>: where to PUT the bytes, and how to refer to them.</summary>
internal sealed record UploadResponseData(
    string AttachmentId, string UploadUrl, string DownloadUrl, IReadOnlyDictionary<string, string> RequiredHeaders, DateTimeOffset ExpiresAt);

/// <summary><c>error</c>: what was wrong with a frame; the connection stays open.</summary>
internal sealed record ErrorData(string Message, string? RequestType = null, string? ClientMessageId = null);
