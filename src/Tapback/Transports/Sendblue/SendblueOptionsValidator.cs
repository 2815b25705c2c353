using Tapback.Configuration;
using Tapback.Transports.Hosted;
using Tapback.Messaging.Handles;

namespace Tapback.Transports.Sendblue;

/// <summary>Checks one Sendblue instance at start; every failure names its full key.</summary>
internal sealed class SendblueOptionsValidator(string name) : SectionValidator<SendblueOptions>(TransportOptions.Section(name), name)
{
    protected override void Check(SendblueOptions options, SectionFailures failures)
    {
        failures.Require(!string.IsNullOrWhiteSpace(options.ApiKey), "ApiKey", "must be your Sendblue API key id (Sendblue dashboard → API keys).");
        failures.Require(!string.IsNullOrWhiteSpace(options.ApiSecret), "ApiSecret", "must be your Sendblue secret key (Sendblue dashboard → API keys).");
        failures.Require(
            !string.IsNullOrWhiteSpace(options.WebhookSecret),
            "WebhookSecret",
            "must be the webhook secret configured in Sendblue (sent back as sb-signing-secret); Tapback refuses webhooks without it.");
        failures.Require(options.Numbers.Count > 0, "Numbers", "must list your Sendblue line numbers in E.164 (Numbers:0 = +15551234567); Sendblue needs from_number on every send.");
        for (var index = 0; index < options.Numbers.Count; index++)
        {
            failures.Require(
                HandleNormalizer.TryNormalize(options.Numbers[index], out var number) && !HandleNormalizer.IsEmail(number),
                $"Numbers:{index}",
                "must be a Sendblue line number in E.164, like +15551234567.");
        }

        failures.Require(HostedBaseUrl.IsValid(options.BaseUrl), "BaseUrl", $"must be an absolute http(s) URL, like {SendblueOptions.DefaultBaseUrl}.");
        failures.Positive(options.RequestTimeout, "RequestTimeout");
    }
}
