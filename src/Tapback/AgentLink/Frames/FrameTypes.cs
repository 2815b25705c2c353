namespace Tapback.AgentLink.Frames;

/// <summary>The <c>type</c> of every frame, as docs/protocol.md names them.</summary>
internal static class FrameTypes
{
    // Client → gateway.
    public const string Ready = "ready";
    public const string Ack = "ack";
    public const string SendMessage = "send_message";
    public const string SendReaction = "send_reaction";
    public const string StartTyping = "start_typing";
    public const string StopTyping = "stop_typing";
    public const string MarkRead = "mark_read";
    public const string UploadAttachment = "upload_attachment";

    /// <summary>(extension) Edit a message the agent sent: <c>{messageId, text, clientMessageId?}</c>.</summary>
    public const string EditMessage = "edit_message";

    /// <summary>(extension) Unsend a message the agent sent, or cancel its send still waiting: <c>{messageId}</c>.</summary>
    public const string UnsendMessage = "unsend_message";

    // Gateway → client.
    public const string Connected = "connected";
    public const string MessageReceived = "message.received";

    /// <summary>(extension) A message received before, again whole: a file it waited for has arrived.</summary>
    public const string MessageUpdated = "message.updated";
    public const string ReactionAdded = "reaction.added";
    public const string ReactionRemoved = "reaction.removed";
    public const string MessageSent = "message.sent";
    public const string MessageFailed = "message.failed";
    public const string MessageDelivered = "message.delivered";
    public const string MessageRead = "message.read";

    /// <summary>(extension) The person edited a message they sent.</summary>
    public const string MessageEdited = "message.edited";

    /// <summary>(extension) The person unsent a message they sent.</summary>
    public const string MessageUnsent = "message.unsent";
    public const string TypingStarted = "typing.started";
    public const string TypingStopped = "typing.stopped";

    /// <summary>(extension) The send governor holds a message the agent asked to send: <c>{messageId, chatId, clientMessageId?, reason, detail}</c>.</summary>
    public const string MessageHeld = "message.held";

    /// <summary>(extension) The loop breaker paused the agent in a conversation: <c>{chatId, reason, evidence, pausedAt}</c>.</summary>
    public const string ConversationPaused = "conversation.paused";

    /// <summary>(extension) An operator resumed a paused conversation: <c>{chatId, resumedAt}</c>.</summary>
    public const string ConversationResumed = "conversation.resumed";

    /// <summary>(extension) A bridge transport looks stalled: <c>{transport, reason, since}</c>.</summary>
    public const string TransportDegraded = "transport.degraded";

    /// <summary>(extension) A degraded transport works again: <c>{transport, since, degradedSince}</c>.</summary>
    public const string TransportRecovered = "transport.recovered";
    public const string UploadAttachmentResponse = "upload_attachment.response";
    public const string Error = "error";

    public static readonly string[] ClientTypes = [Ready, Ack, SendMessage, SendReaction, StartTyping, StopTyping, MarkRead, UploadAttachment, EditMessage, UnsendMessage];
}
