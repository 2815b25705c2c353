using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
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

    // The OpenAI SDK refuses an empty key; local servers that need none ignore it.
    private const string NoKey = "none";

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

        var http = httpClientFactory.CreateClient(HttpClientName);
        http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        var client = new OpenAIClient(new ApiKeyCredential(apiKey ?? NoKey), new OpenAIClientOptions
        {
            Endpoint = settings.BaseUrl,
            Transport = new HttpClientPipelineTransport(http),
            NetworkTimeout = settings.Timeout,
        });
        var model = settings.Model.Trim();
        return new TextToSpeechModel
        {
            Client = client.GetAudioClient(model).AsITextToSpeechClient(),
            ModelId = model,
            Voice = settings.Voice.Trim(),
            Description = $"{model} ({settings.Voice.Trim()}) via {BaseUrls.Display(settings.BaseUrl)}",
        };
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
