using Events = Tapback.Client.TapbackEventTypes;

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

    // Gateway → client: the names Tapback.Client reads them by, one home for both sides of the wire.
    public const string Connected = Events.Connected;
    public const string MessageReceived = Events.MessageReceived;

    /// <summary>(extension) A message received before, again whole: a file it waited for has arrived.</summary>
    public const string MessageUpdated = Events.MessageUpdated;
    public const string ReactionAdded = Events.ReactionAdded;
    public const string ReactionRemoved = Events.ReactionRemoved;
    public const string MessageSent = Events.MessageSent;
    public const string MessageFailed = Events.MessageFailed;
    public const string MessageDelivered = Events.MessageDelivered;
    public const string MessageRead = Events.MessageRead;

    /// <summary>(extension) The person edited a message they sent.</summary>
    public const string MessageEdited = Events.MessageEdited;

    /// <summary>(extension) The person unsent a message they sent.</summary>
    public const string MessageUnsent = Events.MessageUnsent;
    public const string TypingStarted = Events.TypingStarted;
    public const string TypingStopped = Events.TypingStopped;

    /// <summary>(extension) The send governor holds a message the agent asked to send: <c>{messageId, chatId, clientMessageId?, reason, detail}</c>.</summary>
    public const string MessageHeld = Events.MessageHeld;

    /// <summary>(extension) The loop breaker paused the agent in a conversation: <c>{chatId, reason, evidence, pausedAt}</c>.</summary>
    public const string ConversationPaused = Events.ConversationPaused;

    /// <summary>(extension) An operator resumed a paused conversation: <c>{chatId, resumedAt}</c>.</summary>
    public const string ConversationResumed = Events.ConversationResumed;

    /// <summary>(extension) A bridge transport looks stalled: <c>{transport, reason, since}</c>.</summary>
    public const string TransportDegraded = Events.TransportDegraded;

    /// <summary>(extension) A degraded transport works again: <c>{transport, since, degradedSince}</c>.</summary>
    public const string TransportRecovered = Events.TransportRecovered;
    public const string UploadAttachmentResponse = "upload_attachment.response";
    public const string Error = Events.Error;

    public static readonly string[] ClientTypes = [Ready, Ack, SendMessage, SendReaction, StartTyping, StopTyping, MarkRead, UploadAttachment, EditMessage, UnsendMessage];
}
