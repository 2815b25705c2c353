namespace Tapback.Agent.Models;

/// <summary>The configuration keys model selection reads, spelled once so error messages match.</summary>
internal static class ModelKeys
{
    public const string Provider = "Tapback:Agent:Provider";
    public const string Model = "Tapback:Agent:Model";
    public const string ApiKey = "Tapback:Agent:ApiKey";
    public const string BaseUrl = "Tapback:Agent:BaseUrl";

    // Environment variables reach IConfiguration under their own names.
    public const string AnthropicApiKey = "ANTHROPIC_API_KEY";
    public const string OpenAIApiKey = "OPENAI_API_KEY";
    public const string OllamaHost = "OLLAMA_HOST";
}
