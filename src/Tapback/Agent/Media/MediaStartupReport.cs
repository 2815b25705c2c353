using Tapback.Agent.Media.Voice;

namespace Tapback.Agent.Media;

/// <summary>
/// Says at start who transcribes voice notes and whether ffmpeg is there, so a missing piece shows in
/// the log before the first voice note arrives. A wrong <c>Tapback:Agent:SpeechToText</c> stops start-up.
/// </summary>
internal sealed partial class MediaStartupReport(ActiveSpeechToText speech, ActiveTextToSpeech voice, AudioConverter converter, ILogger<MediaStartupReport> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving here turns a configuration mistake into a failed start with the key to fix.
        _ = speech.Model;
        _ = voice.Model;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (voice.Model is { } speaker)
        {
            LogVoiceReplies(logger, speaker.Description);
        }

        if (speech.Model is not { } model)
        {
            LogNoSpeechToText(logger);
            return;
        }

        var ffmpeg = await converter.VersionAsync();
        if (ffmpeg is null)
        {
            LogNoFfmpeg(logger, model.Description);
        }
        else
        {
            LogReady(logger, model.Description, ffmpeg);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice notes: no speech-to-text configured, so the agent will say it cannot listen to them yet. Set Tapback:Agent:SpeechToText (or OPENAI_API_KEY) to transcribe them.")]
    private static partial void LogNoSpeechToText(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice notes: transcribed by {Model}, but ffmpeg is missing, so iPhone voice notes (CAF, AMR) cannot be converted for it. Install ffmpeg or set Tapback:Agent:Media:FfmpegPath.")]
    private static partial void LogNoFfmpeg(ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice replies: a voice note is answered with a voice note spoken by {Model}.")]
    private static partial void LogVoiceReplies(ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice notes: transcribed by {Model}; converted with {Ffmpeg}.")]
    private static partial void LogReady(ILogger logger, string model, string ffmpeg);
}
