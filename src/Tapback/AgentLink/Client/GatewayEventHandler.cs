using System.Text.Json;
using Tapback.AgentLink.Frames;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Inbox;
using Tapback.Gateway.Integrations;
using Tapback.Messaging;

namespace Tapback.AgentLink.Client;

/// <summary>
/// Turns the gateway's events into local inbox entries and send outcomes. Each event is stored
/// before its <c>seq</c> is acked, so a crash in between means a redelivery, which the inbox drops
/// by the event's id.
/// </summary>
internal sealed partial class GatewayEventHandler(
    Inbox inbox,
    AttachmentDownloader downloader,
    GatewaySocket socket,
    ServedIntegrationSettings servedSettings,
    ILogger<GatewayEventHandler> logger)
{
    private static readonly AgentLinkJsonContext Json = AgentLinkJsonContext.Wire;

    public async Task HandleAsync(InboundFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        switch (frame.Type)
        {
            case FrameTypes.Connected when Read(frame, Json.ConnectedData) is { Settings: { } settings }:
                // The operator's settings for this integration override the agent's own defaults.
                servedSettings.Set(GatewayTransport.TransportName, settings);
                break;
            case FrameTypes.MessageReceived when Read(frame, Json.MessageReceivedData) is { } message:
                await ReceiveMessageAsync(message, cancellationToken);
                break;
            case FrameTypes.MessageEdited or FrameTypes.MessageUnsent when Read(frame, Json.MessageChangedData) is { MessageId: not null } change:
                await ReceiveChangeAsync(frame, change, cancellationToken);
                break;
            case FrameTypes.TypingStarted or FrameTypes.TypingStopped when Read(frame, Json.TypingData) is { ChatId: { } chatId }:
                await inbox.ReceiveTypingAsync(
                    new InboundTyping { Transport = GatewayTransport.TransportName, ChatId = chatId, Typing = frame.Type == FrameTypes.TypingStarted },
                    cancellationToken);
                break;
            case FrameTypes.ReactionAdded or FrameTypes.ReactionRemoved when Read(frame, Json.ReactionData) is { } reaction:
                await ReceiveReactionAsync(frame, reaction, cancellationToken);
                break;
            case FrameTypes.MessageSent when Read(frame, Json.MessageSentData) is { ClientMessageId: { } key } sent:
                socket.Report(key, new SendOutcome(sent.MessageId, Error: null));
                break;
            case FrameTypes.MessageFailed when Read(frame, Json.MessageFailedData) is { ClientMessageId: { } key } failed:
                socket.Report(key, new SendOutcome(failed.MessageId, failed.Error));
                break;
            case FrameTypes.Error when Read(frame, Json.ErrorData) is { } error:
                LogGatewayError(logger, error.RequestType, error.Message);
                if (error is { RequestType: FrameTypes.SendMessage, ClientMessageId: { } refused })
                {
                    socket.Report(refused, new SendOutcome(null, error.Message));
                }

                break;
        }

        if (frame.Seq is { } seq)
        {
            await socket.SendAsync(FrameTypes.Ack, new AckData { Seq = seq }, Json.AckData, cancellationToken);
        }
    }

    private async Task ReceiveMessageAsync(MessageReceivedData message, CancellationToken cancellationToken)
    {
        var parts = message.Parts ?? [];
        var text = string.Join('\n', parts.Where(part => part.Type == "text" && part.Value is not null).Select(part => part.Value));
        var attachments = new List<StoredAttachment>();
        var index = 0;
        foreach (var media in parts.Where(part => part.Type == "media"))
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

    private async Task ReceiveReactionAsync(InboundFrame frame, ReactionData reaction, CancellationToken cancellationToken)
    {
        if (!ReactionTypes.TryParse(reaction.ReactionType, out var type))
        {
            LogGatewayError(logger, frame.Type, $"unknown reactionType '{reaction.ReactionType}'");
            return;
        }

        var removed = frame.Type == FrameTypes.ReactionRemoved;
        // A redelivered event keeps its seq; without acks the identity of the tapback itself is the key.
        var eventId = $"{frame.Type}:{reaction.MessageId}:{reaction.From}:{reaction.ReactionType}:{frame.Seq}";
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
    /// The person's edit or unsend of a message, applied to the local copy (the gateway's message ids are
    /// kept here). An edit is keyed by its time at the gateway (or its seq), an unsend by the message:
    /// a redelivery changes nothing. An edit whose text the gateway no longer gives (unsent since) is skipped.
    /// </summary>
    private async Task ReceiveChangeAsync(InboundFrame frame, MessageChangedData change, CancellationToken cancellationToken)
    {
        if (frame.Type == FrameTypes.MessageUnsent)
        {
            await inbox.ReceiveUnsendAsync(
                new InboundUnsend { Transport = GatewayTransport.TransportName, EventId = $"unsent:{change.MessageId}", MessageId = change.MessageId },
                cancellationToken);
            return;
        }

        if (change.Text is not { } text)
        {
            return;
        }

        var at = change.EditedAt?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
            ?? (frame.Seq is { } seq ? $"seq{seq}" : Guid.NewGuid().ToString("N"));
        await inbox.ReceiveEditAsync(
            new InboundEdit { Transport = GatewayTransport.TransportName, EventId = $"edited:{change.MessageId}:{at}", MessageId = change.MessageId, Text = text },
            cancellationToken);
    }

    private T? Read<T>(InboundFrame frame, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return frame.Data.ValueKind == JsonValueKind.Object ? frame.Data.Deserialize(typeInfo) : null;
        }
        catch (JsonException exception)
        {
            LogGatewayError(logger, frame.Type, $"unreadable data: {exception.Message}");
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The remote gateway reported an error for {RequestType}: {Message}")]
    private static partial void LogGatewayError(ILogger logger, string? requestType, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {Index} of message {MessageId} from the remote gateway was not stored: {Reason}")]
    private static partial void LogAttachmentSkipped(ILogger logger, string messageId, int index, string reason);
}
