using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Agent.Models;

namespace Tapback.Agent.Media.Voice;

/// <summary>
/// Picks the speech-to-text provider at start: what <c>Tapback:Agent:SpeechToText</c> names; else, with
/// only a <c>BaseUrl</c>, an OpenAI-compatible server; else OpenAI when a key is given there or in
/// <c>OPENAI_API_KEY</c>; else none, and voice notes reach the model as "transcription unavailable".
/// </summary>
internal sealed class SpeechToTextFactory(IOptions<SpeechToTextSettings> options, IConfiguration configuration, IHttpClientFactory httpClientFactory)
{
    public const string HttpClientName = "Tapback.Agent.SpeechToText";

    private static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");

    /// <summary>The configured model, or null when voice notes cannot be transcribed.</summary>
    public SpeechToTextModel? Create()
    {
        var settings = options.Value;
        var provider = settings.Provider?.Trim().ToLowerInvariant();
        var apiKey = NonBlank(settings.ApiKey);
        if (string.IsNullOrEmpty(provider))
        {
            provider = settings.BaseUrl is not null ? SpeechToTextProviders.OpenAICompatible
                : apiKey is not null || NonBlank(configuration[ModelKeys.OpenAIApiKey]) is not null ? SpeechToTextProviders.OpenAI
                : SpeechToTextProviders.None;
        }

        switch (provider)
        {
            case SpeechToTextProviders.None:
                return null;
            case SpeechToTextProviders.OpenAI:
                var key = apiKey ?? NonBlank(configuration[ModelKeys.OpenAIApiKey])
                    ?? throw new InvalidOperationException($"{SpeechToTextSettings.SectionName}:Provider is openai, but neither {SpeechToTextSettings.SectionName}:ApiKey nor OPENAI_API_KEY is set.");
                return Create(provider, key, settings.BaseUrl ?? OpenAIEndpoint, NonBlank(settings.Model) ?? SpeechToTextProviders.DefaultOpenAIModel);
            case SpeechToTextProviders.OpenAICompatible:
                var endpoint = settings.BaseUrl
                    ?? throw new InvalidOperationException($"{SpeechToTextSettings.SectionName}:Provider is openai-compatible; set {SpeechToTextSettings.SectionName}:BaseUrl to the server's address ending in /v1.");
                return Create(provider, apiKey, endpoint, NonBlank(settings.Model) ?? SpeechToTextProviders.DefaultCompatibleModel);
            default:
                throw new InvalidOperationException($"{SpeechToTextSettings.SectionName}:Provider '{settings.Provider}' is not known; use openai, openai-compatible or none.");
        }
    }

    private SpeechToTextModel Create(string provider, string? apiKey, Uri endpoint, string model)
    {
        return new SpeechToTextModel
        {
            Client = OpenAIAudioClients.Create(httpClientFactory, HttpClientName, apiKey, endpoint, options.Value.Timeout, model).AsISpeechToTextClient(),
            Provider = provider,
            ModelId = model,
            Description = $"{provider} {model} via {BaseUrls.Display(endpoint)}",
        };
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
