namespace Tapback.Agent.Media.Voice;

/// <summary>
/// Who transcribes voice notes: <c>Tapback:Agent:SpeechToText</c>. (Named Settings, not Options, to
/// stay apart from Microsoft.Extensions.AI's per-request <c>SpeechToTextOptions</c>.)
/// </summary>
internal sealed class SpeechToTextSettings
{
    public const string SectionName = "Tapback:Agent:SpeechToText";

    /// <summary><c>openai</c>, <c>openai-compatible</c> or <c>none</c>; empty picks from what is configured.</summary>
    public string? Provider { get; set; }

    /// <summary>The transcription model; <c>gpt-4o-mini-transcribe</c> on OpenAI, <c>whisper-1</c> elsewhere.</summary>
    public string? Model { get; set; }

    /// <summary>The API address, ending in <c>/v1</c>, of an OpenAI-compatible server (or a proxy).</summary>
    public Uri? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The spoken language as an ISO-639-1 code (<c>en</c>); empty lets the model detect it.</summary>
    public string? Language { get; set; }

    /// <summary>How long one transcription may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
