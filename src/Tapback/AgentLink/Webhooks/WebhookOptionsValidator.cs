using Tapback.Configuration;

namespace Tapback.AgentLink.Webhooks;

/// <summary>Checks <c>Tapback:Webhooks</c> at start.</summary>
internal sealed class WebhookOptionsValidator() : SectionValidator<WebhookOptions>(WebhookOptions.SectionName)
{
    protected override void Check(WebhookOptions options, SectionFailures failures)
    {
        failures.Positive(options.Timeout, nameof(options.Timeout));
        failures.Positive(options.Retention, nameof(options.Retention));
    }
}
