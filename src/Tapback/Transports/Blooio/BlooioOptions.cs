namespace Tapback.Transports.Blooio;

/// <summary>One Blooio instance: <c>Tapback:Transports:&lt;name&gt;</c> with <c>Kind = Blooio</c>.</summary>
internal sealed class BlooioOptions
{
    public const string DefaultBaseUrl = "https://backend.blooio.com/v2/api";

    /// <summary>The v2 API address; a proxy or a test server can stand in.</summary>
    public Uri BaseUrl { get; set; } = new(DefaultBaseUrl);

    /// <summary>The API key, sent as a bearer token.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The webhook's signing secret (<c>whsec_…</c>), shown once when the webhook is created.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Our Blooio numbers (E.164). With one, every send goes out from it (<c>X-From-Number</c>); with
    /// several, Blooio picks; in any case a message from one of them is ours and never inbound.
    /// </summary>
    public IList<string> Numbers { get; } = [];

    /// <summary>How old a webhook's signed timestamp may be before it is refused as a replay.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How long one API request may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether to query Blooio for messages missed while Tapback was down, at start.</summary>
    public bool CatchUp { get; set; } = true;

    /// <summary>
    /// Lets attachment URLs reach loopback and private addresses. Only for a Blooio stand-in on your own
    /// network (a test server): real Blooio attachments live on public CDNs.
    /// </summary>
    public bool AllowPrivateAttachmentUrls { get; set; }
}
