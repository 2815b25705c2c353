using Tapback.Configuration;

namespace Tapback.Agent.Media.Voice;

/// <summary>Checks <c>Tapback:Agent:SpeechToText</c> at start.</summary>
internal sealed class SpeechToTextSettingsValidator() : SectionValidator<SpeechToTextSettings>(SpeechToTextSettings.SectionName)
{
    protected override void Check(SpeechToTextSettings options, SectionFailures failures)
    {
        failures.Positive(options.Timeout, nameof(options.Timeout));
        failures.Require(
            options.BaseUrl is null || (options.BaseUrl.IsAbsoluteUri && options.BaseUrl.Scheme is "http" or "https"),
            nameof(options.BaseUrl),
            "must be an absolute http or https address.");
    }
}
