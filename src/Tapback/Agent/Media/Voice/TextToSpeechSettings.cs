namespace Tapback.Agent.Media.Voice;

/// <summary>
/// Voice replies: <c>Tapback:Agent:TextToSpeech</c>. When on, a turn that answers a voice note answers
/// with a voice note too, spoken by an OpenAI-compatible <c>/v1/audio/speech</c> endpoint. Off by default.
/// (Named Settings, not Options, to stay apart from Microsoft.Extensions.AI's per-request <c>TextToSpeechOptions</c>.)
/// </summary>
internal sealed class TextToSpeechSettings
{
    public const string SectionName = "Tapback:Agent:TextToSpeech";

    public const string DefaultModel = "gpt-4o-mini-tts";

    public const string DefaultVoice = "alloy";

    public bool Enabled { get; set; }

    /// <summary>The API address, ending in <c>/v1</c>: OpenAI's, or any OpenAI-compatible server's.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.openai.com/v1");

    public string Model { get; set; } = DefaultModel;

    public string Voice { get; set; } = DefaultVoice;

    /// <summary>The key; on OpenAI's own address <c>OPENAI_API_KEY</c> serves when this is empty.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The format asked of the server (<c>response_format</c>); ffmpeg turns it into an iMessage voice memo.</summary>
    public string ResponseFormat { get; set; } = "wav";

    /// <summary>
    /// The longest answer spoken; a longer one goes as text. OpenAI's speech endpoint takes at most 4096
    /// characters, and a voice note longer than a minute or two is one nobody wants to listen to.
    /// </summary>
    public int MaxCharacters { get; set; } = 1500;

    /// <summary>How long one synthesis may take before the answer goes as text.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
