namespace Tapback.Gateway.Conversations;

/// <summary>
/// The <c>messages.state</c> values. An inbound message is received; an outbound one is queued, then
/// sent, delivered and read as the provider reports it (only ever forward), or failed or unknown.
/// </summary>
internal static class MessageStates
{
    public const string Received = "received";
    public const string Queued = "queued";

    /// <summary>An agent's message due later (a scheduled send); queued when its time comes.</summary>
    public const string Scheduled = "scheduled";

    /// <summary>An agent's scheduled or queued message it took back before it went out.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>An agent's message the send governor holds back (Gateway/Governor); queued again when released.</summary>
    public const string Held = "held";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";
    public const string Unknown = "unknown";
}
