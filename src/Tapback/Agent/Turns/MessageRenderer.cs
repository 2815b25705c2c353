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
/// every turn, and a dozen photos would make each request large and slow for nothing. The person's
/// inline reply opens with the message it quotes (<see cref="ReplyQuotes"/>), an edited message says
/// so, and an unsent one is nothing at all: it leaves the model's context as it left the phone.
/// </summary>
internal sealed class MessageRenderer(
    AttachmentReader attachments, AttachmentRenderer renderer, Storage.Database database, IOptions<MediaOptions> options)
{
    /// <summary>What follows the text of the person's edited message.</summary>
    public const string EditedNote = "[Edited by the person; this is the new text.]";

    /// <summary>The contents of each message, by message id; a message with nothing to show maps to an empty list.</summary>
    public async Task<IReadOnlyDictionary<string, IList<AIContent>>> RenderAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken = default)
    {
        await using var reads = new TurnReads(database);
        return await RenderAsync(messages, reads, cancellationToken);
    }

    /// <summary>The same, reading the messages' files and quotes with the turn's other reads.</summary>
    public async Task<IReadOnlyDictionary<string, IList<AIContent>>> RenderAsync(IReadOnlyList<StoredMessage> messages, TurnReads reads, CancellationToken cancellationToken = default)
    {
        var shown = messages.Where(message => message.UnsentAt is null).ToList();
        var (connection, transaction) = await reads.OpenAsync(cancellationToken);

        // Only the messages marked as having (or waiting for) files are looked up, and with none marked
        // neither lookup runs (each skips an empty list): most histories have no file, and the two
        // searches per message found nothing for 15 % of a turn's store work (docs/benchmarks.md, "Sixth pass").
        var marked = shown.Where(message => message.HasFiles).ToList();
        var files = await attachments.ForMessagesAsync(connection, transaction, [.. marked.Select(message => message.Id)], cancellationToken);
        var late = await PendingAttachmentStore.WaitingForAsync(connection, transaction, [.. marked.Where(message => message.IsInbound).Select(message => message.Id)], cancellationToken);
        var quoted = await QuotedAsync(connection, transaction, shown, cancellationToken);
        var shownImages = NewestImages(shown, files, options.Value.MaxImagesInPrompt);
        var rendered = messages.Where(message => message.UnsentAt is not null).ToDictionary(message => message.Id, IList<AIContent> (_) => [], StringComparer.Ordinal);
        foreach (var message in shown)
        {
            var contents = new List<AIContent>();
            if (message.IsInbound && message.ReplyTo is { } replyTo)
            {
                contents.Add(new TextContent(ReplyQuotes.Quote(message, quoted.GetValueOrDefault(replyTo))));
            }

            if (!string.IsNullOrWhiteSpace(message.Body))
            {
                contents.Add(new TextContent(message.Body.Trim()));
                if (message.IsInbound && message.EditedAt is not null)
                {
                    contents.Add(new TextContent(EditedNote));
                }
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

    private static async Task<Dictionary<string, StoredMessage>> QuotedAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, List<StoredMessage> messages, CancellationToken cancellationToken)
    {
        var ids = messages.Where(message => message.IsInbound).Select(message => message.ReplyTo).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return ids.Count == 0
            ? []
            : (await ConversationReader.MessagesInAsync(connection, transaction, messages[0].ConversationId, ids, cancellationToken)).ToDictionary(message => message.Id, StringComparer.Ordinal);
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
