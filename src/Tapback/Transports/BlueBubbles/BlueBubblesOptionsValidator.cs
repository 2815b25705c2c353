namespace Tapback.Transports.BlueBubbles;

/// <summary>Checks one instance's settings as it registers; each error names the key to set.</summary>
internal static class BlueBubblesOptionsValidator
{
    public const int MinWebhookSecretLength = 16;

    public static Uri Validate(string name, BlueBubblesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = $"{TransportsServiceCollectionExtensions.SectionName}:{name}";
        if (string.IsNullOrWhiteSpace(options.BaseUrl)
            || !Uri.TryCreate(options.BaseUrl.Trim(), UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException(
                $"Set {prefix}:BaseUrl to the BlueBubbles server's address as its app shows it, such as http://192.168.1.20:1234.");
        }

        if (string.IsNullOrWhiteSpace(options.Password))
        {
            throw new InvalidOperationException(
                $"Set {prefix}:Password to the BlueBubbles server password (BlueBubbles app → Settings → Server password).");
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSecret) || options.WebhookSecret.Trim().Length < MinWebhookSecretLength)
        {
            throw new InvalidOperationException(
                $"Set {prefix}:WebhookSecret to a random string of at least {MinWebhookSecretLength} characters, and add the webhook in BlueBubbles as /webhooks/{name}?secret=<that string>. BlueBubbles does not sign webhooks, so the secret in the URL is what keeps strangers out.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.CatchUpInterval <= TimeSpan.Zero || options.CatchUpWindow < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{prefix}:RequestTimeout and {prefix}:CatchUpInterval must be positive, and {prefix}:CatchUpWindow not negative.");
        }

        // The API lives under /api/v1 of whatever path the server (or a proxy in front of it) is at.
        return new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/api/v1/");
    }
}
