using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Messaging.Handles;
using Tapback.Storage;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// Turns a server message (from a webhook or a catch-up query) into an inbox event: the sender from
/// <c>handle.address</c>, the chat guid kept as it is, files fetched with the server password, and
/// our own sends dropped so the agent never answers itself.
/// </summary>
internal sealed partial class BlueBubblesInbound(
    string name,
    BlueBubblesOptions options,
    BlueBubblesClient client,
    BlueBubblesStore store,
    Inbox inbox,
    AttachmentDownloader downloader,
    TimeProvider time,
    ILogger<BlueBubblesInbound> logger)
{
    /// <exception cref="BlueBubblesInvalidEventException">A field Tapback needs is missing or wrong.</exception>
    /// <exception cref="AttachmentDownloadException">A file could not be fetched; nothing was stored.</exception>
    public async Task<BlueBubblesIngestOutcome> ReceiveAsync(BlueBubblesMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.Guid))
        {
            throw new BlueBubblesInvalidEventException("data.guid is missing.");
        }

        if (message.IsFromMe)
        {
            // Our own sends come back (twice: once with our tempGuid); so does what the Mac's owner types.
            LogOwnMessageDropped(logger, name, message.Guid);
            return BlueBubblesIngestOutcome.Ignored;
        }

        if (message.ItemType is not (null or 0))
        {
            return BlueBubblesIngestOutcome.Ignored;
        }

        var chat = message.Chats?.FirstOrDefault(candidate => !string.IsNullOrWhiteSpace(candidate?.Guid))
            ?? throw new BlueBubblesInvalidEventException("data.chats is missing: a new message must name its chat.");
        if (!HandleNormalizer.TryNormalize(message.Handle?.Address, out var from, options.DefaultRegion))
        {
            throw new BlueBubblesInvalidEventException("data.handle.address is missing, or is neither a phone number nor an email address.");
        }

        return BlueBubblesMessages.IsTapback(message)
            ? await ReceiveTapbackAsync(message, chat.Guid!, from, cancellationToken)
            : await ReceiveMessageAsync(message, chat, from, cancellationToken);
    }

    private async Task<BlueBubblesIngestOutcome> ReceiveMessageAsync(BlueBubblesMessage message, BlueBubblesChat chat, string from, CancellationToken cancellationToken)
    {
        var guid = message.Guid!;
        // The guid is mapped only once the inbox has the message, so a mapped guid means "stored":
        // a replay skips the downloads.
        if (await store.MessageIdOfAsync(name, guid, cancellationToken) is { } known)
        {
            LogDuplicate(logger, name, guid, known);
            return BlueBubblesIngestOutcome.Duplicate;
        }

        var text = BlueBubblesMessages.TextOf(message);
        var attachments = await DownloadAsync(message, cancellationToken);
        if (text.Length == 0 && attachments.Count == 0)
        {
            return BlueBubblesIngestOutcome.Ignored;
        }

        var isGroup = BlueBubblesMessages.IsGroup(chat);
        var replyTo = message.ThreadOriginatorGuid is { Length: > 0 } thread
            ? await store.MessageIdOfAsync(name, BlueBubblesTapbacks.TargetGuid(thread), cancellationToken)
            : null;
        var result = await inbox.ReceiveMessageAsync(
            new InboundMessage
            {
                Transport = name,
                EventId = guid,
                MessageId = Ids.Derived("msg", name, guid),
                ChatId = chat.Guid!,
                From = from,
                Text = text,
                IsGroup = isGroup,
                ChatName = isGroup && !string.IsNullOrWhiteSpace(chat.DisplayName) ? chat.DisplayName : null,
                ReplyTo = replyTo,
                Attachments = attachments,
                SentAt = BlueBubblesMessages.At(message.DateCreated),
            },
            cancellationToken);
        await store.MapAsync(name, guid, result.MessageId, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        return result.Created ? BlueBubblesIngestOutcome.Stored : BlueBubblesIngestOutcome.Duplicate;
    }

    private async Task<BlueBubblesIngestOutcome> ReceiveTapbackAsync(BlueBubblesMessage message, string chatGuid, string from, CancellationToken cancellationToken)
    {
        if (!BlueBubblesTapbacks.TryParse(message.AssociatedMessageType, out var reaction, out var removed))
        {
            return BlueBubblesIngestOutcome.Ignored;
        }

        var targetGuid = BlueBubblesTapbacks.TargetGuid(message.AssociatedMessageGuid!);
        // A tapback on a message Tapback never saw keeps the server's guid as its target.
        var target = await store.MessageIdOfAsync(name, targetGuid, cancellationToken) ?? targetGuid;
        var created = await inbox.ReceiveReactionAsync(
            new InboundReaction
            {
                Transport = name,
                EventId = message.Guid!,
                ChatId = chatGuid,
                From = from,
                MessageId = target,
                Reaction = reaction,
                Removed = removed,
            },
            cancellationToken);
        return created ? BlueBubblesIngestOutcome.Stored : BlueBubblesIngestOutcome.Duplicate;
    }

    private async Task<IReadOnlyList<StoredAttachment>> DownloadAsync(BlueBubblesMessage message, CancellationToken cancellationToken)
    {
        var stored = new List<StoredAttachment>();
        foreach (var attachment in message.Attachments ?? [])
        {
            if (string.IsNullOrWhiteSpace(attachment?.Guid))
            {
                continue;
            }

            stored.Add(await downloader.DownloadAsync(
                new AttachmentDownload
                {
                    Id = Ids.Derived("att", name, attachment.Guid),
                    Url = client.AttachmentUrl(attachment.Guid),
                    // The server runs on the user's own Mac, usually on the LAN or this machine.
                    Origin = AttachmentOrigin.Local,
                    FileName = attachment.TransferName,
                    ContentType = attachment.MimeType,
                },
                cancellationToken));
        }

        return stored;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "BlueBubbles {Transport}: message {Guid} is from this Mac (our own send, or its owner typing); not taken as inbound.")]
    private static partial void LogOwnMessageDropped(ILogger logger, string transport, string guid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "BlueBubbles {Transport}: message {Guid} was already stored as {MessageId}.")]
    private static partial void LogDuplicate(ILogger logger, string transport, string guid, string messageId);
}
