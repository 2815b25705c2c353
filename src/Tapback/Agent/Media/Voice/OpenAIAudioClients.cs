using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Audio;

namespace Tapback.Agent.Media.Voice;

/// <summary>
/// The OpenAI SDK's audio client for voice notes in and voice replies out, on a named
/// <see cref="IHttpClientFactory"/> client: the SDK keeps it for the process and applies its own
/// network timeout and retries, so the client's timeout is off.
/// </summary>
internal static class OpenAIAudioClients
{
    // The OpenAI SDK refuses an empty key; local servers that need none ignore it.
    public const string NoKey = "none";

    public static AudioClient Create(IHttpClientFactory httpClientFactory, string httpClientName, string? apiKey, Uri endpoint, TimeSpan timeout, string model)
    {
        var http = httpClientFactory.CreateClient(httpClientName);
        http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        var client = new OpenAIClient(new ApiKeyCredential(apiKey ?? NoKey), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            Transport = new HttpClientPipelineTransport(http),
            NetworkTimeout = timeout,
        });
        return client.GetAudioClient(model);
    }
}
