using Tapback.Configuration;

namespace Tapback.Agent.Media.Voice;

/// <summary>Checks <c>Tapback:Agent:TextToSpeech</c> at start, naming every key that is wrong.</summary>
internal sealed class TextToSpeechSettingsValidator() : SectionValidator<TextToSpeechSettings>(TextToSpeechSettings.SectionName)
{
    private static readonly string[] Formats = ["wav", "mp3", "opus", "aac", "flac"];

    protected override void Check(TextToSpeechSettings options, SectionFailures failures)
    {
        failures.Require(
            options.BaseUrl is { IsAbsoluteUri: true, Scheme: "http" or "https" },
            nameof(options.BaseUrl),
            "must be an absolute http or https address ending in /v1, e.g. https://api.openai.com/v1.");
        failures.Require(!string.IsNullOrWhiteSpace(options.Model), nameof(options.Model), $"must name the speech model, e.g. {TextToSpeechSettings.DefaultModel}.");
        failures.Require(!string.IsNullOrWhiteSpace(options.Voice), nameof(options.Voice), $"must name a voice, e.g. {TextToSpeechSettings.DefaultVoice}.");
        failures.Require(
            Formats.Contains(options.ResponseFormat, StringComparer.Ordinal),
            nameof(options.ResponseFormat),
            $"must be one of {string.Join(", ", Formats)}.");
        failures.Require(options.MaxCharacters is >= 1 and <= 4096, nameof(options.MaxCharacters), "must be between 1 and 4096 (the speech endpoint's limit).");
        failures.Positive(options.Timeout, nameof(options.Timeout));
    }
}
