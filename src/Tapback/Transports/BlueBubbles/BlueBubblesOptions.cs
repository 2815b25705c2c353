namespace Tapback.Transports.BlueBubbles;

/// <summary>One BlueBubbles server: <c>Tapback:Transports:&lt;name&gt;</c> with <c>Kind = BlueBubbles</c>.</summary>
internal sealed class BlueBubblesOptions
{
    /// <summary>The server's address as its app shows it (<c>http://192.168.1.20:1234</c>, an ngrok URL, …).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The server password; BlueBubbles takes it as the <c>guid</c> query parameter.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// BlueBubbles neither signs nor retries its webhooks, so the webhook URL carries this secret
    /// (<c>/webhooks/&lt;name&gt;?secret=…</c>) and anything without it is refused.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The iMessage phone numbers or email addresses the Mac sends from (for the docs and the dashboard).</summary>
    public IList<string> Numbers { get; } = [];

    /// <summary>Auto asks <c>/server/info</c>; On and Off override what the server says.</summary>
    public BlueBubblesPrivateApiMode PrivateApi { get; set; } = BlueBubblesPrivateApiMode.Auto;

    /// <summary>How long one request may take. A send waits until Messages has the message, which can take a while.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the server is asked for messages a webhook may have missed (webhooks are not retried).</summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The furthest back catch-up reaches after a long downtime.</summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Stop typing with <c>DELETE /chat/{guid}/typing</c>. Off by default: released servers start
    /// typing on that call too; the indicator goes away when the next bubble arrives.
    /// </summary>
    public bool StopTypingWithDelete { get; set; }

    /// <summary>The region for phone numbers written without a country code.</summary>
    public string DefaultRegion { get; set; } = "US";
}
