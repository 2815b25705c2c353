namespace Tapback.Agent.Models;

/// <summary>The values <c>Tapback:Agent:Provider</c> accepts.</summary>
internal static class ModelProviders
{
    public const string Anthropic = "anthropic";
    public const string OpenAI = "openai";
    public const string OpenAICompatible = "openai-compatible";
    public const string Ollama = "ollama";
    public const string Offline = "offline";

    public static readonly IReadOnlyList<string> All = [Anthropic, OpenAI, OpenAICompatible, Ollama, Offline];
}
