using System.Globalization;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Messaging.Handles;
using Tapback.Storage;
using Tapback.Transports.Hosted;

namespace Tapback.Transports.Blooio;

/// <summary>
/// Turns one Blooio event (a webhook, or a message found by catch-up) into what the gateway stores:
/// an inbound message with its attachments, a tapback, or a delivery report. Our own sends and
/// tapbacks never come back in as someone else's. A file whose URL fails for now is left pending with
/// Gateway/Attachments, which asks this class for it again later.
/// </summary>
internal sealed partial class BlooioInbound(
    string name,
    BlooioOptions options,
    Inbox inbox,
    AttachmentDownloader downloader,
    ProviderMessageIds messageIds,
    StatusReports statuses,
    TransportCursor cursor,
    ILogger<BlooioInbound> logger) : IPendingAttachmentSource
{
    // Built with the host's services, just before start validation; a number that does not normalise
    // stops the start there (naming its key), so it must not throw here first.
    private readonly HashSet<string> _ourNumbers = [.. options.Numbers.Select(number => HandleNormalizer.TryNormalize(number, out var handle) ? handle : number)];

    public string Transport => name;

    /// <summary>Stores the event; null when done (or nothing to do), otherwise what is wrong with it.</summary>
    public async Task<string?> HandleAsync(BlooioEvent incoming, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        switch (incoming.Event)
        {
            case null or "":
                return "The body has no 'event'.";
            case "message.received":
                return await ReceiveMessageAsync(incoming, cancellationToken);
            case "message.sent" or "message.delivered" or "message.read" or "message.failed":
                return await ReportAsync(incoming, cancellationToken);
            case "message.reaction":
                return await ReceiveReactionAsync(incoming, cancellationToken);
            default:
                LogIgnored(logger, name, incoming.Event);
                return null;
        }
    }

    private async Task<string?> ReceiveMessageAsync(BlooioEvent incoming, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(incoming.MessageId))
        {
            return "A message.received event needs 'message_id'.";
        }

        if (!HandleNormalizer.TryNormalize(incoming.Sender ?? incoming.ExternalId, out var from))
        {
            return "A message.received event needs 'sender' or 'external_id' holding a phone number or email.";
        }

        if (_ourNumbers.Contains(from) || string.Equals(incoming.Direction, "outbound", StringComparison.OrdinalIgnoreCase))
        {
            LogEcho(logger, name, incoming.MessageId);
            return null;
        }

        var isGroup = incoming.IsGroup == true || !string.IsNullOrEmpty(incoming.GroupId);
        var chatId = isGroup ? incoming.GroupId ?? incoming.ExternalId : from;
        if (string.IsNullOrWhiteSpace(chatId))
        {
            return "A group message needs 'group_id'.";
        }

        var (attachments, late) = await DownloadAsync(incoming.MessageId, incoming.Attachments ?? [], cancellationToken);
        var sentAt = At(incoming.ReceivedAt ?? incoming.SentAt ?? incoming.Timestamp);
        var result = await inbox.ReceiveMessageAsync(
            new InboundMessage
            {
                Transport = name,
                EventId = incoming.MessageId,
                ChatId = chatId,
                From = from,
                Text = incoming.Text ?? "",
                IsGroup = isGroup,
                ChatName = isGroup ? incoming.GroupName : null,
                // protocol: imessage, sms, rcs or non-imessage; only the first two name a service Tapback tells apart.
                Service = MessageServices.Of(incoming.Protocol),
                Attachments = attachments,
                LateFiles = late,
                SentAt = sentAt,
            },
            cancellationToken);
        if (sentAt is { } seen)
        {
            await cursor.AdvanceAsync(name, seen, cancellationToken);
        }

        LogReceived(logger, name, incoming.MessageId, result.MessageId, result.Created);
        return null;
    }

    /// <summary>
    /// Fetches the message's files. One whose URL fails for now (an error, a timeout) is left pending and
    /// fetched later; one that never can be (too large, an address not allowed) is left out. The message
    /// is stored and answered either way.
    /// </summary>
    private async Task<(IReadOnlyList<StoredAttachment> Stored, IReadOnlyList<LateFile> Late)> DownloadAsync(
        string messageId, IReadOnlyList<BlooioAttachment> attachments, CancellationToken cancellationToken)
    {
        var stored = new List<StoredAttachment>();
        var late = new List<LateFile>();
        for (var index = 0; index < attachments.Count; index++)
        {
            var attachment = attachments[index];
            if (attachment is null || !Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url))
            {
                LogBadAttachment(logger, name, messageId, index);
                continue;
            }

            var id = Ids.Derived("att", name, messageId, index.ToString(CultureInfo.InvariantCulture));
            try
            {
                stored.Add(await DownloadAsync(id, url, attachment.Name, cancellationToken));
            }
            catch (AttachmentDownloadException failed) when (failed.Failure is AttachmentDownloadFailure.Failed or AttachmentDownloadFailure.TimedOut)
            {
                LogAttachmentPending(logger, name, messageId, index);
                late.Add(new LateFile { Key = id, Source = url.ToString(), FileName = attachment.Name, Position = index });
            }
            catch (AttachmentDownloadException)
            {
                // The downloader logged why. The message still matters more than one of its files.
                LogAttachmentSkipped(logger, name, messageId, index);
            }
        }

        return (stored, late);
    }

    /// <summary>A file left pending, asked of its URL again.</summary>
    public Task<StoredAttachment> FetchAsync(PendingAttachment file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return DownloadAsync(file.Key, new Uri(file.Source), file.FileName, cancellationToken);
    }

    private Task<StoredAttachment> DownloadAsync(string id, Uri url, string? fileName, CancellationToken cancellationToken)
    {
        // The API key goes only to Blooio's own host, never to a URL a webhook body names elsewhere.
        var headers = string.Equals(url.Host, options.BaseUrl.Host, StringComparison.OrdinalIgnoreCase)
            ? new Dictionary<string, string> { ["Authorization"] = $"Bearer {options.ApiKey}" }
            : new Dictionary<string, string>();
        return downloader.DownloadAsync(
            new AttachmentDownload
            {
                Id = id,
                Url = url,
                Origin = options.AllowPrivateAttachmentUrls ? AttachmentOrigin.Local : AttachmentOrigin.Remote,
                FileName = fileName,
                Headers = headers,
            },
            cancellationToken);
    }

    private async Task<string?> ReportAsync(BlooioEvent incoming, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(incoming.MessageId))
        {
            return $"A {incoming.Event} event needs 'message_id'.";
        }

        var (status, at) = incoming.Event switch
        {
            "message.sent" => (DeliveryStatus.Sent, incoming.SentAt ?? incoming.Timestamp),
            "message.delivered" => (DeliveryStatus.Delivered, incoming.DeliveredAt ?? incoming.Timestamp),
            "message.read" => (DeliveryStatus.Read, incoming.ReadAt ?? incoming.Timestamp),
            _ => (DeliveryStatus.Failed, incoming.Timestamp),
        };
        await statuses.ReportAsync(
            new InboundStatus
            {
                Transport = name,
                EventId = $"{incoming.Event}:{incoming.MessageId}",
                ProviderMessageId = incoming.MessageId,
                Status = status,
                At = At(at),
                Error = status == DeliveryStatus.Failed ? Failure(incoming) : null,
            },
            cancellationToken);
        return null;
    }

    private async Task<string?> ReceiveReactionAsync(BlooioEvent incoming, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(incoming.MessageId) || string.IsNullOrWhiteSpace(incoming.Reaction))
        {
            return "A message.reaction event needs 'message_id' and 'reaction'.";
        }

        if (!HandleNormalizer.TryNormalize(incoming.Sender ?? incoming.ExternalId, out var from))
        {
            return "A message.reaction event needs 'sender' or 'external_id' holding a phone number or email.";
        }

        // Our own tapbacks are reported back too; they are not the other person's.
        if (_ourNumbers.Contains(from) || string.Equals(incoming.Direction, "outbound", StringComparison.OrdinalIgnoreCase))
        {
            LogEcho(logger, name, incoming.MessageId);
            return null;
        }

        var wire = incoming.Reaction.Trim();
        var removed = wire.StartsWith('-') || string.Equals(incoming.Action, "remove", StringComparison.OrdinalIgnoreCase);
        if (!ReactionTypes.TryParse(wire.TrimStart('+', '-'), out var reaction))
        {
            // An emoji reaction (iOS 18) has no tapback of ours to become.
            LogIgnored(logger, name, "message.reaction (emoji)");
            return null;
        }

        var isGroup = incoming.IsGroup == true || !string.IsNullOrEmpty(incoming.GroupId);
        var target = await messageIds.ToTapbackAsync(name, incoming.MessageId, cancellationToken);
        await inbox.ReceiveReactionAsync(
            new InboundReaction
            {
                Transport = name,
                EventId = string.Join(':', "reaction", incoming.MessageId, from, reaction.ToWire(), removed ? "-" : "+", incoming.Timestamp?.ToString(CultureInfo.InvariantCulture) ?? ""),
                ChatId = isGroup ? incoming.GroupId ?? incoming.ExternalId ?? from : from,
                From = from,
                MessageId = target,
                Reaction = reaction,
                Removed = removed,
            },
            cancellationToken);
        return null;
    }

    private static string? Failure(BlooioEvent incoming)
    {
        var code = incoming.ErrorCode?.ToString();
        return (code, incoming.ErrorMessage) switch
        {
            (null or "", null) => null,
            (null or "", var message) => message,
            (var only, null) => only,
            var (both, message) => $"{both}: {message}",
        };
    }

    private static DateTimeOffset? At(long? epochMilliseconds) =>
        epochMilliseconds is { } ms && ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
