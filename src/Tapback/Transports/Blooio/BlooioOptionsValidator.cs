using Tapback.Configuration;
using Tapback.Transports.Hosted;
using Tapback.Messaging.Handles;

namespace Tapback.Transports.Blooio;

/// <summary>Checks one Blooio instance at start; every failure names its full key.</summary>
internal sealed class BlooioOptionsValidator(string name) : SectionValidator<BlooioOptions>(TransportOptions.Section(name), name)
{
    // The webhook path to name in the message (an initializer, so the name is not captured twice).
    private readonly string _webhookPath = $"/webhooks/{name}";

    protected override void Check(BlooioOptions options, SectionFailures failures)
    {
        failures.Require(!string.IsNullOrWhiteSpace(options.ApiKey), "ApiKey", "must be your Blooio API key (Blooio dashboard → API keys).");
        failures.Require(
            !string.IsNullOrWhiteSpace(options.WebhookSecret),
            "WebhookSecret",
            $"must be the signing_secret Blooio returned when you created the webhook for {_webhookPath}; Tapback refuses unsigned webhooks.");
        failures.Require(HostedBaseUrl.IsValid(options.BaseUrl), "BaseUrl", $"must be an absolute http(s) URL, like {BlooioOptions.DefaultBaseUrl}.");
        for (var index = 0; index < options.Numbers.Count; index++)
        {
            failures.Require(HandleNormalizer.TryNormalize(options.Numbers[index], out _), $"Numbers:{index}", "must be a phone number in E.164, like +15551234567.");
        }

        failures.Positive(options.SignatureTolerance, "SignatureTolerance");
        failures.Positive(options.RequestTimeout, "RequestTimeout");
    }
}
