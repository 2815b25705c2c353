using Microsoft.Extensions.Options;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Messaging.Handles;
using Tapback.Storage;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Transports.MacMessages;

/// <summary>
/// Turns a new chat.db row into an inbox event: the sender from <c>handle.id</c>, the chat by its
/// <c>chat.guid</c>, the text from <c>text</c> or <c>attributedBody</c>, files copied into the
/// attachment store, the sent time from <c>date</c> (so the inbox's answer window fences old rows
/// an iCloud re-sync brings back), and rows from this Mac (our sends, the owner typing) dropped. A file
/// still not on disk once the row's grace is over is left pending with Gateway/Attachments, which asks
/// this class for it again later.
/// </summary>
internal sealed partial class MacMessagesInbound(
    string name,
    MacMessagesOptions options,
    MacChatDatabase chatDb,
    MacMessagesStore store,
    Inbox inbox,
    AttachmentStore attachments,
    IOptions<AttachmentDownloadOptions> limits,
    TimeProvider time,
    ILogger<MacMessagesInbound> logger) : IPendingAttachmentSource
{
    public string Transport => name;

    /// <param name="late">The row has waited its grace: take it as it is (a chat link or a file still missing is skipped).</param>
    public async Task<MacIngestOutcome> ReceiveAsync(ChatDbRow row, bool late, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.IsFromMe != 0)
        {
            return MacIngestOutcome.Ignored;
        }

        if (row.ItemType != 0)
        {
            // Renames, joins and leaves of a group: nothing anyone said.
            return MacIngestOutcome.Ignored;
        }

        if (row.ChatGuid is null)
        {
            if (late)
            {
                LogNoChat(logger, name, row.RowId);
                return MacIngestOutcome.Ignored;
            }

            return MacIngestOutcome.NotReady;
        }

        if (!HandleNormalizer.TryNormalize(row.Handle, out var from, options.DefaultRegion))
        {
            LogNoSender(logger, name, row.RowId);
            return MacIngestOutcome.Ignored;
        }

        return MacTapbacks.IsTapback(row.AssociatedMessageType)
            ? await ReceiveTapbackAsync(row, from, cancellationToken)
            : await ReceiveMessageAsync(row, from, late, cancellationToken);
    }

    private async Task<MacIngestOutcome> ReceiveMessageAsync(ChatDbRow row, string from, bool late, CancellationToken cancellationToken)
    {
        var text = row.Body();
        IReadOnlyList<StoredAttachment> files = [];
        IReadOnlyList<LateFile> pending = [];
        if (row.ExpectsAttachments())
        {
            if (await CopyAttachmentsAsync(row, late, cancellationToken) is not { } copied)
            {
                return MacIngestOutcome.NotReady;
            }

            (files, pending) = copied;
        }

        if (text.Length == 0 && files.Count == 0 && pending.Count == 0)
        {
            return MacIngestOutcome.Ignored;
        }

        var replyTo = row.ThreadOriginatorGuid is { Length: > 0 } thread
            ? await store.MessageIdOfAsync(name, MacTapbacks.TargetGuid(thread), cancellationToken)
            : null;
        var result = await inbox.ReceiveMessageAsync(
            new InboundMessage
            {
                Transport = name,
                EventId = row.Guid,
                MessageId = Ids.Derived("msg", name, row.Guid),
                ChatId = row.ChatGuid!,
                From = from,
                Text = text,
                IsGroup = row.IsGroup,
                ChatName = row.IsGroup && !string.IsNullOrWhiteSpace(row.DisplayName) ? row.DisplayName : null,
                ReplyTo = replyTo,
                Effect = MessageEffects.TryParseAppleId(row.ExpressiveSendStyleId, out var effect) ? effect : null,
                Service = MessageServices.Of(row.Service),
                Attachments = files,
                LateFiles = pending,
                SentAt = AppleTime.ToDateTimeOffset(row.Date),
            },
            cancellationToken);
        await store.MapAsync(name, row.Guid, result.MessageId, MacMessagesStore.Inbound, 0, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        return MacIngestOutcome.Stored;
    }

    private async Task<MacIngestOutcome> ReceiveTapbackAsync(ChatDbRow row, string from, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(row.AssociatedMessageGuid)
            || !MacTapbacks.TryParse(row.AssociatedMessageType, row.AssociatedMessageEmoji, out var reaction, out var removed))
        {
            return MacIngestOutcome.Ignored;
        }

        var targetGuid = MacTapbacks.TargetGuid(row.AssociatedMessageGuid);
        // A tapback on a message Tapback never saw keeps chat.db's guid as its target.
        var target = await store.MessageIdOfAsync(name, targetGuid, cancellationToken) ?? targetGuid;
        await inbox.ReceiveReactionAsync(
            new InboundReaction
            {
                Transport = name,
                EventId = row.Guid,
                ChatId = row.ChatGuid!,
                From = from,
                MessageId = target,
                Reaction = reaction,
                Removed = removed,
            },
            cancellationToken);
        return MacIngestOutcome.Stored;
    }

    /// <summary>
    /// Copies the row's files into the attachment store; null while one is still arriving within the
    /// grace. After it, a file still not on disk (iCloud has not downloaded it) is left pending.
    /// </summary>
    private async Task<(IReadOnlyList<StoredAttachment> Stored, IReadOnlyList<LateFile> Pending)?> CopyAttachmentsAsync(ChatDbRow row, bool late, CancellationToken cancellationToken)
    {
        var stored = new List<StoredAttachment>();
        var pending = new List<LateFile>();
        var files = await chatDb.AttachmentsOfAsync(row.RowId, cancellationToken);
        if (files.Count == 0 && !late)
        {
            // The join row is not written yet: waited for within the join grace, as the chat link is.
            return null;
        }

        for (var position = 0; position < files.Count; position++)
        {
            var file = files[position];
            var path = ExpandHome(file.FileName);
            if (path is null || !File.Exists(path))
            {
                if (!late)
                {
                    return null;
                }

                if (path is null)
                {
                    LogFileMissing(logger, name, row.RowId);
                    continue;
                }

                LogFilePending(logger, name, row.RowId);
                pending.Add(new LateFile { Key = file.Guid, Source = path, FileName = file.TransferName ?? Path.GetFileName(path), ContentType = file.MimeType, Position = position });
                continue;
            }

            try
            {
                stored.Add(await CopyAsync(file.Guid, path, file.TransferName, file.MimeType, cancellationToken));
            }
            catch (AttachmentDownloadException tooLarge)
            {
                LogFileLeftOut(logger, name, row.RowId, tooLarge.Message);
            }
        }

        return (stored, pending);
    }

    /// <summary>A file left pending, looked for on disk again.</summary>
    public Task<StoredAttachment> FetchAsync(PendingAttachment file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return File.Exists(file.Source)
            ? CopyAsync(file.Key, file.Source, file.FileName, file.ContentType, cancellationToken)
            : throw new AttachmentDownloadException(AttachmentDownloadFailure.Failed, "The file is not on disk yet.");
    }

    private async Task<StoredAttachment> CopyAsync(string guid, string path, string? transferName, string? mimeType, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        if (size > limits.Value.MaxDownloadBytes)
        {
            throw new AttachmentDownloadException(
                AttachmentDownloadFailure.TooLarge, $"The file has {size} bytes, more than Tapback:Attachments:MaxDownloadBytes ({limits.Value.MaxDownloadBytes}).");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return await attachments.SaveAsync(
            Ids.Derived("att", name, guid),
            transferName ?? Path.GetFileName(path),
            mimeType ?? "application/octet-stream",
            bytes,
            cancellationToken);
    }

    private static string? ExpandHome(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null
        : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
        : path;

    [LoggerMessage(Level = LogLevel.Warning, Message = "MacMessages transport {Transport}: chat.db row {RowId} never got its chat link; skipped.")]
    private static partial void LogNoChat(ILogger logger, string transport, long rowId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MacMessages transport {Transport}: chat.db row {RowId} has no usable sender handle; skipped.")]
    private static partial void LogNoSender(ILogger logger, string transport, long rowId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MacMessages transport {Transport}: a file of chat.db row {RowId} has no path; the message is stored without it.")]
    private static partial void LogFileMissing(ILogger logger, string transport, long rowId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MacMessages transport {Transport}: a file of chat.db row {RowId} is not on disk yet (not downloaded from iCloud?); the message is stored without it and the file added when it appears.")]
    private static partial void LogFilePending(ILogger logger, string transport, long rowId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MacMessages transport {Transport}: a file of chat.db row {RowId} is left out: {Error}")]
    private static partial void LogFileLeftOut(ILogger logger, string transport, long rowId, string error);
}
