namespace Tapback.Agent.Media.Voice;

internal sealed partial class AudioConverter
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Converted voice note {AttachmentId} ({ContentType}) to {Bytes} bytes of 16 kHz WAV.")]
    private static partial void LogConverted(ILogger logger, string attachmentId, string contentType, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "ffmpeg ('{FfmpegPath}') could not be started, so voice notes cannot be converted for transcription. Install ffmpeg (apt-get install ffmpeg, brew install ffmpeg) or set Tapback:Agent:Media:FfmpegPath.")]
    private static partial void LogFfmpegMissing(ILogger logger, string ffmpegPath);
}
