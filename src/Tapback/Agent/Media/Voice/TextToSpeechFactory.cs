using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Agent.Models;

namespace Tapback.Agent.Media.Voice;

/// <summary>
/// The speech client of <c>Tapback:Agent:TextToSpeech</c>: the official OpenAI SDK's audio client behind
/// Microsoft.Extensions.AI's <see cref="ITextToSpeechClient"/>, pointed at OpenAI or any server that
/// speaks its <c>/v1/audio/speech</c>. Null when voice replies are off.
/// </summary>
internal sealed class TextToSpeechFactory(IOptions<TextToSpeechSettings> options, IConfiguration configuration, IHttpClientFactory httpClientFactory)
{
    public const string HttpClientName = "Tapback.Agent.TextToSpeech";

    public TextToSpeechModel? Create()
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return null;
        }

        var apiKey = NonBlank(settings.ApiKey);
        if (apiKey is null && string.Equals(settings.BaseUrl.Host, "api.openai.com", StringComparison.OrdinalIgnoreCase))
        {
            apiKey = NonBlank(configuration[ModelKeys.OpenAIApiKey])
                ?? throw new InvalidOperationException($"{TextToSpeechSettings.SectionName}:Enabled is true on OpenAI's address, but neither {TextToSpeechSettings.SectionName}:ApiKey nor OPENAI_API_KEY is set.");
        }

        var model = settings.Model.Trim();
        return new TextToSpeechModel
        {
            Client = OpenAIAudioClients.Create(httpClientFactory, HttpClientName, apiKey, settings.BaseUrl, settings.Timeout, model).AsITextToSpeechClient(),
            ModelId = model,
            Voice = settings.Voice.Trim(),
            Description = $"{model} ({settings.Voice.Trim()}) via {BaseUrls.Display(settings.BaseUrl)}",
        };
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
