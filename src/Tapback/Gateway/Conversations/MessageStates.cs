namespace Tapback.Gateway.Conversations;

/// <summary>
/// The <c>messages.state</c> values. An inbound message is received; an outbound one is queued, then
/// sent, delivered and read as the provider reports it (only ever forward), or failed or unknown.
/// </summary>
internal static class MessageStates
{
    public const string Received = "received";
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";
    public const string Unknown = "unknown";
}
