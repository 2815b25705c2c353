namespace Tapback.Client;

/// <summary>A webhook subscription of the integration.</summary>
public sealed record Webhook
{
    /// <summary>Its id (<c>wh_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Where deliveries go.</summary>
    public required string Url { get; init; }

    /// <summary>The event types it asked for.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>When it was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The signing secret (<c>whsec_…</c>): only in the answers to create and rotate. Give it to <see cref="WebhookVerifier"/>.</summary>
    public string? Secret { get; init; }
}
