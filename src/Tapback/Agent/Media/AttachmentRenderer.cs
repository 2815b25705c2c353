using Microsoft.Extensions.AI;
using Tapback.Agent.Media.Images;
using Tapback.Agent.Media.Voice;
using Tapback.Gateway.Attachments;

namespace Tapback.Agent.Media;

/// <summary>
/// What the model sees of one attachment: a photo as image content, a voice note as its words, any
/// other file as a line with its name, type and size. Where the agent cannot do what the person
/// expects (hear a voice note), a note tells the model to say so, so the person is never left guessing.
/// </summary>
internal sealed class AttachmentRenderer(ImagePreparer images, VoiceNoteTranscriber voiceNotes)
{
    public const string TranscriptionUnavailable = "[Voice note — transcription unavailable]";

    public const string CannotListenNote =
        "(Note to the assistant: no speech-to-text is set up, so you cannot listen to voice notes yet. Tell them that in one short sentence and ask them to type it instead.)";

    public const string CouldNotTranscribe = "[Voice note — could not be transcribed]";

    public const string CouldNotTranscribeNote =
        "(Note to the assistant: tell them you couldn't make out that voice note and ask them to type it or send it again.)";

    /// <param name="fromPerson">The person sent it (only their turns may carry images).</param>
    /// <param name="showImage">A photo goes to the model as an image, not only by name.</param>
    public async Task RenderAsync(MessageAttachment attachment, bool fromPerson, bool showImage, IList<AIContent> into, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentNullException.ThrowIfNull(into);
        var kind = fromPerson ? MediaTypes.Classify(attachment.ContentType, attachment.FileName) : MediaKind.Other;
        switch (kind)
        {
            case MediaKind.Image when !showImage:
                into.Add(new TextContent($"[sent a photo earlier: {attachment.FileName}, no longer shown]"));
                break;
            case MediaKind.Image:
                var image = await images.PrepareAsync(attachment, cancellationToken);
                if (image is null)
                {
                    into.Add(new TextContent($"[sent a photo that could not be opened: {Describe(attachment)}]"));
                }
                else
                {
                    into.Add(new TextContent($"[sent a photo: {attachment.FileName}]"));
                    into.Add(image);
                }

                break;
            case MediaKind.Audio:
                var note = await voiceNotes.TranscribeAsync(attachment, cancellationToken);
                switch (note.Status)
                {
                    case VoiceNoteStatus.Transcribed when string.IsNullOrWhiteSpace(note.Text):
                        into.Add(new TextContent("[Voice note with no words in it]"));
                        break;
                    case VoiceNoteStatus.Transcribed:
                        into.Add(new TextContent($"[Voice note: \"{note.Text}\"]"));
                        break;
                    case VoiceNoteStatus.Unavailable:
                        into.Add(new TextContent(TranscriptionUnavailable));
                        into.Add(new TextContent(CannotListenNote));
                        break;
                    default:
                        into.Add(new TextContent(CouldNotTranscribe));
                        into.Add(new TextContent(CouldNotTranscribeNote));
                        break;
                }

                break;
            default:
                into.Add(new TextContent($"[sent a file: {Describe(attachment)}]"));
                break;
        }
    }

    private static string Describe(MessageAttachment attachment) =>
        $"{attachment.FileName} ({attachment.ContentType}, {FileSizes.Describe(attachment.SizeBytes)})";
}
