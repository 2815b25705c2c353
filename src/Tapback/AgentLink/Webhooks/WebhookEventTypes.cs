namespace Tapback.AgentLink.Webhooks;

/// <summary>The event types a subscription may ask for.</summary>
internal static class WebhookEventTypes
{
    public const string MessageReceived = "message.received";

    /// <summary>A received message again, whole: a file it waited for has arrived.</summary>
    public const string MessageUpdated = "message.updated";
    public const string MessageSent = "message.sent";
    public const string MessageDelivered = "message.delivered";
    public const string MessageRead = "message.read";
    public const string MessageFailed = "message.failed";
    public const string ReactionAdded = "reaction.added";
    public const string ReactionRemoved = "reaction.removed";

    /// <summary>The person edited a message they sent.</summary>
    public const string MessageEdited = "message.edited";

    /// <summary>The person unsent a message they sent.</summary>
    public const string MessageUnsent = "message.unsent";

    /// <summary>The person's typing indicator came on / went off (one-to-one chats, transports that report it).</summary>
    public const string TypingStarted = "typing.started";
    public const string TypingStopped = "typing.stopped";

    /// <summary>The send governor holds a message the agent asked to send (docs/governor.md).</summary>
    public const string MessageHeld = "message.held";

    /// <summary>The loop breaker paused the agent in a conversation; an operator resumed it.</summary>
    public const string ConversationPaused = "conversation.paused";
    public const string ConversationResumed = "conversation.resumed";

    /// <summary>A bridge transport looks stalled / works again (the watchdog).</summary>
    public const string TransportDegraded = "transport.degraded";
    public const string TransportRecovered = "transport.recovered";

    public static IReadOnlyList<string> All { get; } =
    [
        MessageReceived, MessageUpdated, MessageSent, MessageDelivered, MessageRead, MessageFailed,
        ReactionAdded, ReactionRemoved, MessageEdited, MessageUnsent, TypingStarted, TypingStopped,
        MessageHeld, ConversationPaused, ConversationResumed, TransportDegraded, TransportRecovered,
    ];
}
