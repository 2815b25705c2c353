using System.ComponentModel.DataAnnotations;

namespace Tapback.AgentLink.Webhooks;

/// <summary>Webhooks out: <c>Tapback:Webhooks</c>.</summary>
internal sealed class WebhookOptions
{
    public const string SectionName = "Tapback:Webhooks";

    /// <summary>
    /// Lets a subscription point at loopback or private addresses (a receiver on the same machine or
    /// network). Off by default: a token holder could otherwise make the gateway call internal services.
    /// </summary>
    public bool AllowPrivateUrls { get; set; }

    /// <summary>How long one attempt may take before it counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts before a delivery is marked dead (the first one included).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long finished deliveries (delivered, dead, cancelled) stay in the log.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Subscriptions one integration may have.</summary>
    [Range(1, 1000)]
    public int MaxSubscriptionsPerIntegration { get; set; } = 20;
}
