using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Attachments;
using Tapback.Messaging.Text;

namespace Tapback.Agent.Media.Voice;

/// <summary>
/// Speaks an answer: the text-to-speech model reads it out, ffmpeg makes an iMessage voice memo of the
/// audio, and the memo is stored as an attachment ready to send. Any failure returns null and the
/// answer goes as text: a voice reply is a nicety, the answer must never be lost to it.
/// </summary>
internal sealed partial class VoiceReplySpeaker(
    ActiveTextToSpeech speech,
    AudioConverter converter,
    AttachmentStore store,
    IOptions<TextToSpeechSettings> settings,
    ILogger<VoiceReplySpeaker> logger)
{
    /// <summary>Whether voice replies are configured at all.</summary>
    public bool IsOn => speech.Model is not null;

    /// <summary>The answer as a stored voice memo, or null when it is not spoken (off, too long, or a failure).</summary>
    public async Task<StoredAttachment?> SpeakAsync(string attachmentId, string markdown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (speech.Model is not { } model)
        {
            return null;
        }

        // The voice reads what a bubble would show: no asterisks or link brackets read aloud.
        var text = MarkdownToPlainText.Convert(markdown).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length > settings.Value.MaxCharacters)
        {
            LogTooLong(logger, attachmentId, text.Length, settings.Value.MaxCharacters);
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Value.Timeout);
            var response = await model.Client.GetAudioAsync(
                text,
                new TextToSpeechOptions { ModelId = model.ModelId, VoiceId = model.Voice, AudioFormat = settings.Value.ResponseFormat },
                timeout.Token);
            var audio = response.Contents.OfType<DataContent>().FirstOrDefault(content => !content.Data.IsEmpty)
                ?? throw new InvalidOperationException("The speech endpoint answered without audio.");
            var memo = await converter.ToVoiceMemoAsync(audio.Data, cancellationToken);
            var stored = await store.SaveAsync(attachmentId, AudioConverter.VoiceMemoFileName, AudioConverter.VoiceMemoContentType, memo, cancellationToken);
            LogSpoken(logger, attachmentId, model.Description, text.Length, stored.SizeBytes);
            return stored;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, attachmentId, model.Description, exception);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Spoke answer {AttachmentId} with {Model}: {Length} characters became a {Bytes}-byte voice memo.")]
    private static partial void LogSpoken(ILogger logger, string attachmentId, string model, int length, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answer {AttachmentId} has {Length} characters, more than Tapback:Agent:TextToSpeech:MaxCharacters ({Limit}); it goes as text.")]
    private static partial void LogTooLong(ILogger logger, string attachmentId, int length, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer {AttachmentId} could not be spoken by {Model}; it goes as text.")]
    private static partial void LogFailed(ILogger logger, string attachmentId, string model, Exception exception);
}
