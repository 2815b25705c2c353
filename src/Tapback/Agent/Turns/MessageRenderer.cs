using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Agent.Media;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Turns;

/// <summary>
/// Turns one stored message into what the model sees of it: its text, then each attachment (photos as
/// image content, voice notes as transcripts, other files by name, type and size; see
/// <see cref="AttachmentRenderer"/>). Only the newest few photos go as images: a history is sent on
/// every turn, and a dozen photos would make each request large and slow for nothing.
/// </summary>
internal sealed class MessageRenderer(AttachmentReader attachments, PendingAttachmentStore pending, AttachmentRenderer renderer, IOptions<MediaOptions> options)
{
    /// <summary>The contents of each message, by message id; a message with nothing to show maps to an empty list.</summary>
    public async Task<IReadOnlyDictionary<string, IList<AIContent>>> RenderAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken = default)
    {
        var files = await attachments.ForMessagesAsync([.. messages.Select(message => message.Id)], cancellationToken);
        var late = await pending.WaitingForAsync([.. messages.Where(message => message.IsInbound).Select(message => message.Id)], cancellationToken);
        var shownImages = NewestImages(messages, files, options.Value.MaxImagesInPrompt);
        var rendered = new Dictionary<string, IList<AIContent>>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            var contents = new List<AIContent>();
            if (!string.IsNullOrWhiteSpace(message.Body))
            {
                contents.Add(new TextContent(message.Body.Trim()));
            }

            foreach (var file in files[message.Id])
            {
                await renderer.RenderAsync(file, message.IsInbound, shownImages.Contains(file.Id), contents, cancellationToken);
            }

            // A file the transport could not fetch yet: the model knows one was sent, so it can say so
            // rather than answer as if nothing came; the file joins the message for a later turn.
            foreach (var name in late[message.Id])
            {
                contents.Add(new TextContent(name is { Length: > 0 } ? $"[A file, {name}, was sent but has not arrived yet.]" : "[A file was sent but has not arrived yet.]"));
            }

            rendered[message.Id] = contents;
        }

        return rendered;
    }

    private static HashSet<string> NewestImages(IReadOnlyList<StoredMessage> messages, ILookup<string, MessageAttachment> files, int limit)
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages.Where(message => message.IsInbound).Reverse())
        {
            foreach (var file in files[message.Id].Reverse().Where(file => MediaTypes.Classify(file.ContentType, file.FileName) == MediaKind.Image))
            {
                if (shown.Count >= limit)
                {
                    return shown;
                }

                shown.Add(file.Id);
            }
        }

        return shown;
    }
}
