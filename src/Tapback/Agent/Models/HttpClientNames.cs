namespace Tapback.Agent.Models;

/// <summary>The named HTTP clients model selection asks <see cref="IHttpClientFactory"/> for.</summary>
internal static class HttpClientNames
{
    public const string Anthropic = "Tapback.Agent.Anthropic";
    public const string OpenAI = "Tapback.Agent.OpenAI";
    public const string OllamaProbe = "Tapback.Agent.OllamaProbe";
}
