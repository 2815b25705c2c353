namespace Tapback.Agent.Media.Voice;

/// <summary>The text-to-speech model of this process, chosen once (see <see cref="TextToSpeechFactory"/>).</summary>
internal sealed class ActiveTextToSpeech(TextToSpeechFactory factory) : IDisposable
{
    private readonly Lazy<TextToSpeechModel?> _model = new(factory.Create);

    /// <summary>The model, or null when voice replies are off. Throws when the configuration is wrong.</summary>
    public TextToSpeechModel? Model => _model.Value;

    public void Dispose()
    {
        if (_model.IsValueCreated)
        {
            _model.Value?.Client.Dispose();
        }
    }
}
