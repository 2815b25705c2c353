namespace Tapback.Gateway.AgentQueue;

/// <summary>
/// The <c>webhook_deliveries.state</c> values: pending until delivered, dead (out of retries) or
/// cancelled. Kept beside <see cref="WebhookFanOut"/>, which writes each row pending in the queueing
/// transaction; AgentLink/Webhooks carries them on, and the gateway may not depend on it.
/// </summary>
internal static class WebhookDeliveryStates
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Dead = "dead";
    public const string Cancelled = "cancelled";

    /// <summary>Every state, in the order the APIs list them.</summary>
    public static readonly IReadOnlyList<string> All = [Pending, Delivered, Dead, Cancelled];
}
