namespace Tapback.Transports.Sendblue;

/// <summary>One Sendblue instance: <c>Tapback:Transports:&lt;name&gt;</c> with <c>Kind = Sendblue</c>.</summary>
internal sealed class SendblueOptions
{
    public const string DefaultBaseUrl = "https://api.sendblue.co";

    /// <summary>The API address; a proxy or a test server can stand in.</summary>
    public Uri BaseUrl { get; set; } = new(DefaultBaseUrl);

    /// <summary>The API key id, sent as <c>sb-api-key-id</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API secret key, sent as <c>sb-api-secret-key</c>.</summary>
    public string? ApiSecret { get; set; }

    /// <summary>The webhook secret Sendblue sends back in the <c>sb-signing-secret</c> header.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Our Sendblue lines (E.164). A reply goes out from the line the person texted; the first is the default.</summary>
    public IList<string> Numbers { get; } = [];

    /// <summary>How long one API request may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether to query Sendblue for inbound messages missed while Tapback was down, at start.</summary>
    public bool CatchUp { get; set; } = true;

    /// <summary>Lets media URLs reach loopback and private addresses; only for a stand-in on your own network.</summary>
    public bool AllowPrivateAttachmentUrls { get; set; }
}
