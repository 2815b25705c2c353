namespace Tapback.AgentLink.Webhooks;

/// <summary>The event types a subscription may ask for.</summary>
internal static class WebhookEventTypes
{
    public const string MessageReceived = "message.received";
    public const string MessageSent = "message.sent";
    public const string MessageDelivered = "message.delivered";
    public const string MessageRead = "message.read";
    public const string MessageFailed = "message.failed";
    public const string ReactionAdded = "reaction.added";
    public const string ReactionRemoved = "reaction.removed";
    public const string TypingStarted = "typing.started";
    public const string TypingStopped = "typing.stopped";

    public static IReadOnlyList<string> All { get; } =
    [
        MessageReceived, MessageSent, MessageDelivered, MessageRead, MessageFailed,
        ReactionAdded, ReactionRemoved, TypingStarted, TypingStopped,
    ];
}
