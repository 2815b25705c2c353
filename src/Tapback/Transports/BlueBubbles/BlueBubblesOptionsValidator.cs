using Tapback.Configuration;

namespace Tapback.Transports.BlueBubbles;

/// <summary>Checks one BlueBubbles instance at start; every failure names its full key.</summary>
internal sealed class BlueBubblesOptionsValidator(string name) : SectionValidator<BlueBubblesOptions>(TransportOptions.Section(name), name)
{
    // The webhook path to name in the message (an initializer, so the name is not captured twice).
    private readonly string _webhookPath = $"/webhooks/{name}";

    public const int MinWebhookSecretLength = 16;

    protected override void Check(BlueBubblesOptions options, SectionFailures failures)
    {
        failures.Require(ApiBase(options) is not null, "BaseUrl", "must be the BlueBubbles server's address as its app shows it, such as http://192.168.1.20:1234.");
        failures.Require(
            !string.IsNullOrWhiteSpace(options.Password),
            "Password",
            "must be set to the BlueBubbles server password (BlueBubbles app → Settings → Server password).");
        failures.Require(
            options.WebhookSecret is { } secret && secret.Trim().Length >= MinWebhookSecretLength,
            "WebhookSecret",
            $"must be a random string of at least {MinWebhookSecretLength} characters; add the webhook in BlueBubbles as {_webhookPath}?secret=<that string>. BlueBubbles does not sign webhooks, so the secret in the URL is what keeps strangers out.");
        failures.Positive(options.RequestTimeout, "RequestTimeout");
        failures.Positive(options.CatchUpInterval, "CatchUpInterval");
        failures.Require(options.CatchUpWindow >= TimeSpan.Zero, "CatchUpWindow", "must not be negative.");
    }

    /// <summary>
    /// The API lives under /api/v1 of whatever path the server (or a proxy in front of it) is at; null when
    /// BaseUrl is not an http(s) address, which stops the start naming it.
    /// </summary>
    public static Uri? ApiBase(BlueBubblesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !string.IsNullOrWhiteSpace(options.BaseUrl)
            && Uri.TryCreate(options.BaseUrl.Trim(), UriKind.Absolute, out var baseUrl)
            && (baseUrl.Scheme == Uri.UriSchemeHttp || baseUrl.Scheme == Uri.UriSchemeHttps)
            ? new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/api/v1/")
            : null;
    }
}
