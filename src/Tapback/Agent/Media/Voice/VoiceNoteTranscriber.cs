using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Attachments;

namespace Tapback.Agent.Media.Voice;

/// <summary>
/// A voice note's words: from the transcript store when it was heard before; else converted with ffmpeg
/// and sent to the speech-to-text model, and the transcript stored. A note that keeps failing is given
/// up on after a few turns rather than slowing every turn that shows it.
/// </summary>
internal sealed partial class VoiceNoteTranscriber(
    ActiveSpeechToText speech,
    AudioConverter converter,
    TranscriptStore transcripts,
    IOptions<SpeechToTextSettings> settings,
    ILogger<VoiceNoteTranscriber> logger)
{
    public const int MaxAttempts = 3;

    public async Task<VoiceNote> TranscribeAsync(MessageAttachment attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var stored = await transcripts.FindAsync(attachment.Id, cancellationToken);
        if (stored is { IsDone: true })
        {
            return new VoiceNote(VoiceNoteStatus.Transcribed, stored.Text ?? "");
        }

        if (speech.Model is not { } model)
        {
            return VoiceNote.Unavailable;
        }

        if (stored is { Attempts: >= MaxAttempts })
        {
            return VoiceNote.Failed;
        }

        string audio;
        try
        {
            audio = await converter.ToWavAsync(attachment, cancellationToken);
        }
        catch (AudioConversionException exception)
        {
            // A missing ffmpeg is the machine's fault, not the note's: it counts no attempt, so the
            // note is transcribed once ffmpeg is installed.
            if (!exception.FfmpegMissing)
            {
                LogConversionFailed(logger, attachment.Id, exception);
                await transcripts.SaveFailedAsync(attachment.Id, exception.Message, model.Provider, model.ModelId, cancellationToken);
            }

            return VoiceNote.Failed;
        }

        try
        {
            var response = await model.Client.GetTextAsync(
                File.OpenRead(audio),
                new SpeechToTextOptions { ModelId = model.ModelId, SpeechLanguage = NonBlank(settings.Value.Language) },
                cancellationToken);
            var text = response.Text.Trim();
            await transcripts.SaveDoneAsync(attachment.Id, text, model.Provider, model.ModelId, cancellationToken);
            LogTranscribed(logger, attachment.Id, model.Description, text.Length);
            LogTranscript(logger, attachment.Id, text);
            return new VoiceNote(VoiceNoteStatus.Transcribed, text);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogTranscriptionFailed(logger, attachment.Id, model.Description, exception);
            await transcripts.SaveFailedAsync(attachment.Id, exception.Message, model.Provider, model.ModelId, cancellationToken);
            return VoiceNote.Failed;
        }
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
