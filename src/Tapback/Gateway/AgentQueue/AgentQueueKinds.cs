namespace Tapback.Gateway.AgentQueue;

/// <summary>The <c>agent_queue.kind</c> values: what happened, as the agent WebSocket names it where it can.</summary>
internal static class AgentQueueKinds
{
    public const string Message = "message";
    public const string Reaction = "reaction";

    /// <summary>A message the agent asked to send was carried out (only for links that asked to hear).</summary>
    public const string MessageSent = "message.sent";

    /// <summary>A message the agent asked to send failed for good.</summary>
    public const string MessageFailed = "message.failed";

    /// <summary>The phone reported a message delivered (transports that report it).</summary>
    public const string MessageDelivered = "message.delivered";

    /// <summary>The phone read a message (transports that report read receipts).</summary>
    public const string MessageRead = "message.read";

    /// <summary>A file an inbound message waited for arrived and joined it (Gateway/Attachments/Pending): the message again, whole.</summary>
    public const string MessageUpdated = "message.updated";

    /// <summary>The person edited a message they sent: <c>message_id</c> names it, its body is the new text.</summary>
    public const string MessageEdited = "message.edited";

    /// <summary>The person unsent a message: <c>message_id</c> names it; its text is gone from the store.</summary>
    public const string MessageUnsent = "message.unsent";

    /// <summary>The person started typing in the conversation (transports that report it).</summary>
    public const string TypingStarted = "typing.started";

    /// <summary>The person stopped typing without sending, or their indicator went away.</summary>
    public const string TypingStopped = "typing.stopped";

    /// <summary>The send governor holds a message the agent asked to send (payload: reason and detail).</summary>
    public const string MessageHeld = "message.held";

    /// <summary>The loop breaker paused the agent in the conversation (payload: reason and evidence).</summary>
    public const string ConversationPaused = "conversation.paused";

    /// <summary>An operator resumed a paused conversation.</summary>
    public const string ConversationResumed = "conversation.resumed";
}
