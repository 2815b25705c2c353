namespace Tapback.Agent.Media.Voice;

/// <summary>What became of a voice note: its words, or why there are none.</summary>
internal sealed record VoiceNote(VoiceNoteStatus Status, string? Text = null)
{
    public static VoiceNote Unavailable { get; } = new(VoiceNoteStatus.Unavailable);

    public static VoiceNote Failed { get; } = new(VoiceNoteStatus.Failed);
}
