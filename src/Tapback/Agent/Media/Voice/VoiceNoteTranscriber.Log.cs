namespace Tapback.Agent.Media.Voice;

internal sealed partial class VoiceNoteTranscriber
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Transcribed voice note {AttachmentId} with {Model}: {Length} characters.")]
    private static partial void LogTranscribed(ILogger logger, string attachmentId, string model, int length);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Voice note {AttachmentId} says: {Transcript}")]
    private static partial void LogTranscript(ILogger logger, string attachmentId, string transcript);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice note {AttachmentId} could not be converted for transcription.")]
    private static partial void LogConversionFailed(ILogger logger, string attachmentId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice note {AttachmentId} could not be transcribed by {Model}.")]
    private static partial void LogTranscriptionFailed(ILogger logger, string attachmentId, string model, Exception exception);
}
