namespace Tapback.Agent.Media.Voice;

/// <summary>The values of <c>Tapback:Agent:SpeechToText:Provider</c>.</summary>
internal static class SpeechToTextProviders
{
    public const string OpenAI = "openai";
    public const string OpenAICompatible = "openai-compatible";
    public const string None = "none";

    public const string DefaultOpenAIModel = "gpt-4o-mini-transcribe";
    public const string DefaultCompatibleModel = "whisper-1";
}
