namespace Tapback.Client;

/// <summary>The <c>type</c> of each event, as docs/protocol.md names them.</summary>
public static class TapbackEventTypes
{
#pragma warning disable CS1591 // The names say it; each is documented on its event record.
    public const string Connected = "connected";
    public const string Disconnected = "disconnected";
    public const string MessageReceived = "message.received";
    public const string MessageUpdated = "message.updated";
    public const string ReactionAdded = "reaction.added";
    public const string ReactionRemoved = "reaction.removed";
    public const string MessageSent = "message.sent";
    public const string MessageFailed = "message.failed";
    public const string MessageDelivered = "message.delivered";
    public const string MessageRead = "message.read";
    public const string MessageEdited = "message.edited";
    public const string MessageUnsent = "message.unsent";
    public const string TypingStarted = "typing.started";
    public const string TypingStopped = "typing.stopped";
    public const string MessageHeld = "message.held";
    public const string ConversationPaused = "conversation.paused";
    public const string ConversationResumed = "conversation.resumed";
    public const string TransportDegraded = "transport.degraded";
    public const string TransportRecovered = "transport.recovered";
    public const string Error = "error";
#pragma warning restore CS1591
}
