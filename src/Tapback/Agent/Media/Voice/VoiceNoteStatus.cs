namespace Tapback.Agent.Media.Voice;

internal enum VoiceNoteStatus
{
    /// <summary>The words are in <see cref="VoiceNote.Text"/>.</summary>
    Transcribed,

    /// <summary>No speech-to-text provider is configured.</summary>
    Unavailable,

    /// <summary>A provider is configured, but this note could not be converted or transcribed.</summary>
    Failed,
}
