using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Messaging.Handles;
using Tapback.Storage;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// Turns a server message (from a webhook or a catch-up query) into an inbox event: the sender from
/// <c>handle.address</c>, the chat guid kept as it is, files fetched with the server password, and
/// our own sends dropped so the agent never answers itself. A file the server cannot hand over yet is
/// left pending with Gateway/Attachments, which asks this class for it again later.
/// </summary>
internal sealed partial class BlueBubblesInbound(
    string name,
    BlueBubblesOptions options,
    BlueBubblesClient client,
    BlueBubblesStore store,
    Inbox inbox,
    AttachmentDownloader downloader,
    TimeProvider time,
    ILogger<BlueBubblesInbound> logger) : IPendingAttachmentSource
{
    public string Transport => name;

    /// <exception cref="BlueBubblesInvalidEventException">A field Tapback needs is missing or wrong.</exception>
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
            // Catch-up reads the message as it is now: an edit or unsend the webhooks missed shows here.
            if (message.DateEdited is > 0 || message.DateRetracted is > 0)
            {
                return await ReceiveChangeAsync(message, cancellationToken);
            }

            LogDuplicate(logger, name, guid, known);
            return BlueBubblesIngestOutcome.Duplicate;
        }

        var text = BlueBubblesMessages.TextOf(message);
        var (attachments, pending) = await DownloadAsync(message, cancellationToken);
        if (text.Length == 0 && attachments.Count == 0 && pending.Count == 0)
        {
            return BlueBubblesIngestOutcome.Ignored;
        }

        var isGroup = BlueBubblesMessages.IsGroup(chat);
        var chatId = await store.ConversationChatIdAsync(name, chat.Guid!, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        var replyTo = message.ThreadOriginatorGuid is { Length: > 0 } thread
            ? await store.MessageIdOfAsync(name, BlueBubblesTapbacks.TargetGuid(thread), cancellationToken)
            : null;
        var result = await inbox.ReceiveMessageAsync(
            new InboundMessage
            {
                Transport = name,
                EventId = guid,
                MessageId = Ids.Derived("msg", name, guid),
                ChatId = chatId,
                From = from,
                Text = text,
                IsGroup = isGroup,
                ChatName = isGroup && !string.IsNullOrWhiteSpace(chat.DisplayName) ? chat.DisplayName : null,
                ReplyTo = replyTo,
                Effect = BlueBubblesMessages.EffectOf(message),
                Service = BlueBubblesMessages.ServiceOf(message, chat.Guid),
                Attachments = attachments,
                LateFiles = pending,
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
        var chatId = await store.ConversationChatIdAsync(name, chatGuid, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        var created = await inbox.ReceiveReactionAsync(
            new InboundReaction
            {
                Transport = name,
                EventId = message.Guid!,
                ChatId = chatId,
                From = from,
                MessageId = target,
                Reaction = reaction,
                Removed = removed,
            },
            cancellationToken);
        return created ? BlueBubblesIngestOutcome.Stored : BlueBubblesIngestOutcome.Duplicate;
    }

    /// <summary>
    /// Fetches the message's files. One the server cannot hand over yet (not on the Mac, the server
    /// busy) is left pending, and one that can never be fetched (too large, refused) is left out: the
    /// message is stored and answered either way, and catch-up never stops at it.
    /// </summary>
    private async Task<(IReadOnlyList<StoredAttachment> Stored, IReadOnlyList<LateFile> Pending)> DownloadAsync(
        BlueBubblesMessage message, CancellationToken cancellationToken)
    {
        var stored = new List<StoredAttachment>();
        var pending = new List<LateFile>();
        var files = message.Attachments ?? [];
        for (var position = 0; position < files.Count; position++)
        {
            var attachment = files[position];
            // A provider's list may hold a null (the fuzz sent one): skipped, never a 5xx.
            if (string.IsNullOrWhiteSpace(attachment?.Guid))
            {
                continue;
            }

            try
            {
                stored.Add(await DownloadAsync(attachment.Guid, attachment.TransferName, attachment.MimeType, cancellationToken));
            }
            catch (AttachmentDownloadException failed) when (failed.Failure is AttachmentDownloadFailure.Failed or AttachmentDownloadFailure.TimedOut)
            {
                LogFilePending(logger, name, message.Guid!, failed.Message);
                pending.Add(new LateFile { Key = attachment.Guid, Source = attachment.Guid, FileName = attachment.TransferName, ContentType = attachment.MimeType, Position = position });
            }
            catch (AttachmentDownloadException refused)
            {
                LogFileLeftOut(logger, name, message.Guid!, refused.Message);
            }
        }

        return (stored, pending);
    }

    private Task<StoredAttachment> DownloadAsync(string attachmentGuid, string? fileName, string? mimeType, CancellationToken cancellationToken) =>
        downloader.DownloadAsync(
            new AttachmentDownload
            {
                Id = Ids.Derived("att", name, attachmentGuid),
                Url = client.AttachmentUrl(attachmentGuid),
                // The server runs on the user's own Mac, usually on the LAN or this machine.
                Origin = AttachmentOrigin.Local,
                FileName = fileName,
                ContentType = mimeType,
            },
            cancellationToken);

    /// <summary>A file left pending, asked of the server again.</summary>
    public Task<StoredAttachment> FetchAsync(PendingAttachment file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return DownloadAsync(file.Source, file.FileName, file.ContentType, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "BlueBubbles {Transport}: a file of message {Guid} is not on the server yet; the message is stored without it and the file fetched later: {Error}")]
    private static partial void LogFilePending(ILogger logger, string transport, string guid, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BlueBubbles {Transport}: a file of message {Guid} cannot be fetched and is left out: {Error}")]
    private static partial void LogFileLeftOut(ILogger logger, string transport, string guid, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "BlueBubbles {Transport}: message {Guid} is from this Mac (our own send, or its owner typing); not taken as inbound.")]
    private static partial void LogOwnMessageDropped(ILogger logger, string transport, string guid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "BlueBubbles {Transport}: message {Guid} was already stored as {MessageId}.")]
    private static partial void LogDuplicate(ILogger logger, string transport, string guid, string messageId);
}
