namespace Tapback.Agent.Media.Voice;

/// <summary>The speech-to-text model of this process, chosen once (see <see cref="SpeechToTextFactory"/>).</summary>
internal sealed class ActiveSpeechToText(SpeechToTextFactory factory) : IDisposable
{
    private readonly Lazy<SpeechToTextModel?> _model = new(factory.Create);

    /// <summary>The model, or null when none is configured. Throws when the configuration is wrong.</summary>
    public SpeechToTextModel? Model => _model.Value;

    public void Dispose()
    {
        if (_model.IsValueCreated)
        {
            _model.Value?.Client.Dispose();
        }
    }
}
