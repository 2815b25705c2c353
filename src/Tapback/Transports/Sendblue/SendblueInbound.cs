using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Messaging.Handles;
using Tapback.Storage;
using Tapback.Transports.Hosted;

namespace Tapback.Transports.Sendblue;

/// <summary>
/// Turns one Sendblue message (a webhook, or one found by catch-up) into what the gateway stores: an
/// inbound message, or, for one of ours (<c>is_outbound</c>), a delivery report and never a message.
/// Media whose URL fails for now is left pending with Gateway/Attachments, which asks this class for it again later.
/// </summary>
internal sealed partial class SendblueInbound(
    string name,
    SendblueOptions options,
    Inbox inbox,
    AttachmentDownloader downloader,
    SendblueLines lines,
    StatusReports statuses,
    TransportCursor cursor,
    ILogger<SendblueInbound> logger) : IPendingAttachmentSource
{
    // Built with the host's services, just before start validation; a number that does not normalise
    // stops the start there (naming its key), so it must not throw here first.
    private readonly HashSet<string> _ourNumbers = [.. options.Numbers.Select(number => HandleNormalizer.TryNormalize(number, out var handle) ? handle : number)];

    public string Transport => name;

    /// <summary>Stores the message; null when done (or nothing to do), otherwise what is wrong with it.</summary>
    public async Task<string?> HandleAsync(SendblueMessage incoming, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (string.IsNullOrWhiteSpace(incoming.MessageHandle))
        {
            return "The body needs 'message_handle'.";
        }

        return incoming.IsOutbound == true
            ? await ReportAsync(incoming, cancellationToken)
            : await ReceiveAsync(incoming, cancellationToken);
    }

    private async Task<string?> ReceiveAsync(SendblueMessage incoming, CancellationToken cancellationToken)
    {
        if (!HandleNormalizer.TryNormalize(incoming.FromNumber ?? incoming.Number, out var from))
        {
            return "An inbound message needs 'from_number' holding a phone number or email.";
        }

        if (_ourNumbers.Contains(from))
        {
            LogEcho(logger, name, incoming.MessageHandle!);
            return null;
        }

        var isGroup = !string.IsNullOrWhiteSpace(incoming.GroupId);
        var chatId = isGroup ? incoming.GroupId! : from;
        if (HandleNormalizer.TryNormalize(incoming.SendblueNumber ?? incoming.ToNumber, out var line) && _ourNumbers.Contains(line))
        {
            await lines.SetAsync(name, chatId, line, cancellationToken);
        }

        var (attachments, late) = await DownloadAsync(incoming, cancellationToken);
        var result = await inbox.ReceiveMessageAsync(
            new InboundMessage
            {
                Transport = name,
                EventId = incoming.MessageHandle!,
                ChatId = chatId,
                From = from,
                Text = incoming.Content ?? "",
                IsGroup = isGroup,
                ChatName = isGroup ? incoming.GroupDisplayName : null,
                Effect = SendblueEffects.FromSendStyle(incoming.SendStyle),
                Service = MessageServices.Of(incoming.Service),
                Attachments = attachments,
                LateFiles = late,
                SentAt = incoming.DateSent,
            },
            cancellationToken);
        if (incoming.DateSent is { } sentAt)
        {
            await cursor.AdvanceAsync(name, sentAt, cancellationToken);
        }

        LogReceived(logger, name, incoming.MessageHandle!, result.MessageId, result.Created);
        return null;
    }

    /// <summary>
    /// Fetches the message's media. When its URL fails for now (an error, a timeout) the file is left
    /// pending and fetched later; when it never can be (too large, an address not allowed) it is left
    /// out. The message is stored and answered either way.
    /// </summary>
    private async Task<(IReadOnlyList<StoredAttachment> Stored, IReadOnlyList<LateFile> Late)> DownloadAsync(SendblueMessage incoming, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(incoming.MediaUrl, UriKind.Absolute, out var url))
        {
            return ([], []);
        }

        var id = Ids.Derived("att", name, incoming.MessageHandle!, "0");
        try
        {
            return ([await DownloadAsync(id, url, cancellationToken)], []);
        }
        catch (AttachmentDownloadException failed) when (failed.Failure is AttachmentDownloadFailure.Failed or AttachmentDownloadFailure.TimedOut)
        {
            LogAttachmentPending(logger, name, incoming.MessageHandle!);
            return ([], [new LateFile { Key = id, Source = url.ToString(), Position = 0 }]);
        }
        catch (AttachmentDownloadException)
        {
            // The downloader logged why. The message still matters more than its file.
            LogAttachmentSkipped(logger, name, incoming.MessageHandle!);
            return ([], []);
        }
    }

    /// <summary>A file left pending, asked of its URL again.</summary>
    public Task<StoredAttachment> FetchAsync(PendingAttachment file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return DownloadAsync(file.Key, new Uri(file.Source), cancellationToken);
    }

    private Task<StoredAttachment> DownloadAsync(string id, Uri url, CancellationToken cancellationToken) =>
        downloader.DownloadAsync(
            new AttachmentDownload
            {
                Id = id,
                Url = url,
                Origin = options.AllowPrivateAttachmentUrls ? AttachmentOrigin.Local : AttachmentOrigin.Remote,
            },
            cancellationToken);

    private async Task<string?> ReportAsync(SendblueMessage incoming, CancellationToken cancellationToken)
    {
        DeliveryStatus? status = incoming.Status?.ToUpperInvariant() switch
        {
            "SENT" => DeliveryStatus.Sent,
            "DELIVERED" => DeliveryStatus.Delivered,
            "READ" => DeliveryStatus.Read,
            "ERROR" or "DECLINED" => DeliveryStatus.Failed,
            _ => null,
        };
        if (status is null)
        {
            // QUEUED, PENDING, REGISTERED, ACCEPTED: still on its way; nothing to report.
            return null;
        }

        await statuses.ReportAsync(
            new InboundStatus
            {
                Transport = name,
                EventId = $"status:{incoming.MessageHandle}:{status}",
                ProviderMessageId = incoming.MessageHandle!,
                Status = status.Value,
                At = incoming.DateUpdated ?? incoming.DateSent,
                Error = status == DeliveryStatus.Failed ? incoming.ErrorMessage ?? incoming.ErrorDetail : null,
            },
            cancellationToken);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sendblue transport {Transport} stored {Handle} as message {MessageId} (new: {Created}).")]
    private static partial void LogReceived(ILogger logger, string transport, string handle, string messageId, bool created);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sendblue transport {Transport} dropped {Handle}: it came from one of our own numbers.")]
    private static partial void LogEcho(ILogger logger, string transport, string handle);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sendblue transport {Transport}: the media of {Handle} could not be downloaded yet; the message is stored without it and the file fetched later.")]
    private static partial void LogAttachmentPending(ILogger logger, string transport, string handle);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sendblue transport {Transport}: the media of {Handle} could not be downloaded; the message is stored without it.")]
    private static partial void LogAttachmentSkipped(ILogger logger, string transport, string handle);
}
