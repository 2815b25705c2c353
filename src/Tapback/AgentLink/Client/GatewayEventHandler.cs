using Tapback.Client;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Inbox;
using Tapback.Gateway.Integrations;
using Tapback.Messaging;
using IntegrationSettings = Tapback.Gateway.Integrations.IntegrationSettings;
using MessagePart = Tapback.Client.MessagePart;

namespace Tapback.AgentLink.Client;

/// <summary>
/// Turns the gateway's events into local inbox entries. Each event is stored before Tapback.Client
/// acks its <c>seq</c> (it acks once this returns), so a crash in between means a redelivery, which
/// the inbox drops by the event's id. Send outcomes are matched by the client itself.
/// </summary>
internal sealed partial class GatewayEventHandler(
    Inbox inbox,
    AttachmentDownloader downloader,
    ServedIntegrationSettings servedSettings,
    ILogger<GatewayEventHandler> logger)
{
    public async Task HandleAsync(TapbackEvent received, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(received);
        switch (received)
        {
            case ConnectedEvent { Settings: { } settings }:
                // The operator's settings for this integration override the agent's own defaults.
                servedSettings.Set(GatewayTransport.TransportName, new IntegrationSettings
                {
                    BotName = settings.BotName, ShowToolCalls = settings.ShowToolCalls, SessionTimeout = settings.SessionTimeout, Model = settings.Model, Effort = settings.Effort,
                });
                break;
            case MessageReceivedEvent { IsUpdate: false } message:
                await ReceiveMessageAsync(message, cancellationToken);
                break;
            case MessageEditedEvent edit:
                await ReceiveEditAsync(edit, cancellationToken);
                break;
            case MessageUnsentEvent unsend:
                await inbox.ReceiveUnsendAsync(
                    new InboundUnsend { Transport = GatewayTransport.TransportName, EventId = $"unsent:{unsend.MessageId}", MessageId = unsend.MessageId },
                    cancellationToken);
                break;
            case TypingEvent typing:
                await inbox.ReceiveTypingAsync(
                    new InboundTyping { Transport = GatewayTransport.TransportName, ChatId = typing.ChatId, Typing = typing.IsTyping },
                    cancellationToken);
                break;
            case ReactionEvent reaction:
                await ReceiveReactionAsync(reaction, cancellationToken);
                break;
            case ErrorEvent error:
                LogGatewayError(logger, error.RequestType, error.Message);
                break;
        }
    }

    private async Task ReceiveMessageAsync(MessageReceivedEvent message, CancellationToken cancellationToken)
    {
        var text = message.Text;
        var attachments = new List<StoredAttachment>();
        var index = 0;
        foreach (var media in message.Media)
        {
            if (await DownloadAsync(message.MessageId, index++, media, cancellationToken) is { } stored)
            {
                attachments.Add(stored);
            }
        }

        // The gateway's message id is kept, so a tapback or read receipt names the same message on both sides.
        await inbox.ReceiveMessageAsync(
            new InboundMessage
            {
                Transport = GatewayTransport.TransportName,
                EventId = message.MessageId,
                MessageId = message.MessageId,
                ChatId = message.ChatId,
                ChatName = message.ChatName,
                From = message.From,
                Text = text,
                Attachments = attachments,

                // The gateway's ids are kept here, so its replyTo names the local copy of the message.
                ReplyTo = message.ReplyTo,
                Effect = MessageEffects.TryParse(message.Effect, out var effect) ? effect : null,
                Service = message.Service is MessageServices.IMessage or MessageServices.Sms ? message.Service : null,
            },
            cancellationToken);
    }

    private async Task<StoredAttachment?> DownloadAsync(string messageId, int index, MessagePart media, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(media.Url, UriKind.Absolute, out var url))
        {
            LogAttachmentSkipped(logger, messageId, index, "the media part has no absolute url");
            return null;
        }

        try
        {
            // Origin Local: the operator configured this gateway, which may well live on the LAN.
            return await downloader.DownloadAsync(
                new AttachmentDownload { Id = $"att_{messageId}_{index}", Url = url, Origin = AttachmentOrigin.Local, FileName = media.Filename, ContentType = media.MimeType },
                cancellationToken);
        }
        catch (AttachmentDownloadException exception)
        {
            // A URL that failed once (expired, too large) fails on every redelivery too: store the text.
            LogAttachmentSkipped(logger, messageId, index, exception.Message);
            return null;
        }
    }

    private async Task ReceiveReactionAsync(ReactionEvent reaction, CancellationToken cancellationToken)
    {
        if (!ReactionTypes.TryParse(reaction.ReactionType, out var type))
        {
            LogGatewayError(logger, reaction.Type, $"unknown reactionType '{reaction.ReactionType}'");
            return;
        }

        var removed = reaction.Removed;
        // A redelivered event keeps its seq; without acks the identity of the tapback itself is the key.
        var eventId = $"{reaction.Type}:{reaction.MessageId}:{reaction.From}:{reaction.ReactionType}:{reaction.Seq}";
        await inbox.ReceiveReactionAsync(
            new InboundReaction
            {
                Transport = GatewayTransport.TransportName,
                EventId = eventId,
                ChatId = reaction.ChatId,
                From = reaction.From,
                MessageId = reaction.MessageId,
                Reaction = type,
                Removed = removed,
            },
            cancellationToken);
    }

    /// <summary>
    /// The person's edit, applied to the local copy (the gateway's message ids are kept here), keyed by
    /// its time at the gateway (or its seq): a redelivery changes nothing. An edit whose text the gateway
    /// no longer gives (unsent since) is skipped. An unsend is keyed by the message.
    /// </summary>
    private async Task ReceiveEditAsync(MessageEditedEvent change, CancellationToken cancellationToken)
    {
        if (change.Text is not { } text)
        {
            return;
        }

        var at = change.EditedAt?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
            ?? (change.Seq is { } seq ? $"seq{seq}" : Guid.NewGuid().ToString("N"));
        await inbox.ReceiveEditAsync(
            new InboundEdit { Transport = GatewayTransport.TransportName, EventId = $"edited:{change.MessageId}:{at}", MessageId = change.MessageId, Text = text },
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The remote gateway reported an error for {RequestType}: {Message}")]
    private static partial void LogGatewayError(ILogger logger, string? requestType, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {Index} of message {MessageId} from the remote gateway was not stored: {Reason}")]
    private static partial void LogAttachmentSkipped(ILogger logger, string messageId, int index, string reason);
}
