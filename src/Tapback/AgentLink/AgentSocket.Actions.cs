using Dapper;
using Tapback.AgentLink.Frames;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;
using Tapback.Messaging.Handles;
using Tapback.Storage;

namespace Tapback.AgentLink;

/// <summary>
/// Client actions become outbox rows. Each key starts with the integration, and a send with a
/// <c>clientMessageId</c> is keyed by it, so the same id again sends nothing new.
/// </summary>
internal sealed partial class AgentSocket
{
    private async Task SendMessageAsync(SendMessageData? send, CancellationToken cancellationToken)
    {
        const string type = FrameTypes.SendMessage;
        var clientMessageId = send?.ClientMessageId;
        if (send?.ChatId is not { Length: > 0 } chatId)
        {
            await SendErrorAsync("send_message needs data.chatId.", type, cancellationToken, clientMessageId);
            return;
        }

        if (clientMessageId is { Length: > FrameEcho.MaxClientMessageIdChars })
        {
            await SendErrorAsync($"data.clientMessageId is at most {FrameEcho.MaxClientMessageIdChars} characters.", type, cancellationToken, clientMessageId);
            return;
        }

        if (send.Parts is not { Count: > 0 } parts)
        {
            await SendErrorAsync("send_message needs data.parts: at least one {type:\"text\", value} or {type:\"media\", attachmentId}.", type, cancellationToken, clientMessageId);
            return;
        }

        var texts = new List<string>();
        var files = new List<StoredAttachment>();
        for (var index = 0; index < parts.Count; index++)
        {
            var part = parts[index];
            switch (part?.Type)
            {
                case "text" when !string.IsNullOrEmpty(part.Value):
                    texts.Add(part.Value);
                    break;
                case "text":
                    await SendErrorAsync($"parts[{index}] is a text part without a value.", type, cancellationToken, clientMessageId);
                    return;
                case "media":
                    var upload = part.AttachmentId is { } attachmentId ? await uploads.FindAsync(attachmentId, cancellationToken) : null;
                    if (upload is null || upload.IntegrationId != integration.Id || upload.Sha256 is null)
                    {
                        await SendErrorAsync(
                            $"parts[{index}] names attachment '{FrameEcho.Bounded(part.AttachmentId ?? string.Empty)}', which this integration has not uploaded; send upload_attachment, PUT the bytes, then send its attachmentId.",
                            type, cancellationToken, clientMessageId);
                        return;
                    }

                    files.Add(new StoredAttachment { Id = upload.Id, FileName = upload.FileName, ContentType = upload.ContentType, SizeBytes = upload.SizeBytes, Sha256 = upload.Sha256 });
                    break;
                default:
                    await SendErrorAsync($"parts[{index}] has type '{FrameEcho.Bounded(part?.Type ?? string.Empty)}'; a part is \"text\" or \"media\".", type, cancellationToken, clientMessageId);
                    return;
            }
        }

        var conversation = await ResolveChatAsync(chatId, cancellationToken);
        if (conversation is null)
        {
            await SendErrorAsync(UnknownChat(chatId), type, cancellationToken, clientMessageId);
            return;
        }

        if (files.Count > 0 && !Capabilities(conversation).Attachments)
        {
            await SendErrorAsync("This chat's transport cannot send files.", type, cancellationToken, clientMessageId);
            return;
        }

        var key = $"ws:{integration.Id}:send:{clientMessageId ?? Guid.NewGuid().ToString("N")}";
        if (clientMessageId is not null && await outboxStore.ReportAgainAsync(key, cancellationToken))
        {
            // A repeat sends nothing new; the client hears the first one's outcome again.
            return;
        }

        var action = AgentAction.Message(key, string.Join('\n', texts)) with { Attachments = files, ReportTo = Link, ClientMessageId = clientMessageId };
        await outbox.WriteAsync(conversation.Id, [action], cancellationToken: cancellationToken);
    }

    private async Task SendReactionAsync(SendReactionData? reaction, CancellationToken cancellationToken)
    {
        const string type = FrameTypes.SendReaction;
        var errors = new List<string>();
        if (reaction?.MessageId is not { Length: > 0 })
        {
            errors.Add("data.messageId (the message to react to)");
        }

        if (reaction?.Operation is not ("add" or "remove"))
        {
            errors.Add("data.operation (\"add\" or \"remove\")");
        }

        if (!ReactionTypes.TryParse(reaction?.ReactionType, out var tapback))
        {
            errors.Add($"data.reactionType (one of {ReactionTypes.AllowedValues})");
        }

        if (errors.Count > 0)
        {
            await SendErrorAsync($"send_reaction needs {string.Join(", ", errors)}.", type, cancellationToken);
            return;
        }

        var message = await conversations.FindMessageAsync(reaction!.MessageId!, cancellationToken);
        var conversation = message is null ? null : await ResolveChatAsync(message.ConversationId, cancellationToken);
        if (conversation is null)
        {
            await SendErrorAsync($"No message '{FrameEcho.Bounded(reaction.MessageId!)}' is in a chat of this integration.", type, cancellationToken);
            return;
        }

        if (!Capabilities(conversation).TapbacksSent)
        {
            await SendErrorAsync("tapbacks are not supported", type, cancellationToken);
            return;
        }

        var remove = reaction.Operation == "remove";
        var key = $"ws:{integration.Id}:react:{message!.Id}:{Guid.NewGuid():N}";
        await outbox.WriteAsync(conversation.Id, [AgentAction.React(key, message.Id, tapback, remove)], cancellationToken: cancellationToken);
    }

    private async Task TypingAsync(string type, ChatData? chat, bool on, CancellationToken cancellationToken)
    {
        var conversation = await RequireChatAsync(type, chat, cancellationToken);
        if (conversation is null)
        {
            return;
        }

        if (!Capabilities(conversation).Typing)
        {
            await SendErrorAsync("typing indicators are not supported", type, cancellationToken);
            return;
        }

        var key = $"ws:{integration.Id}:typing:{(on ? "on" : "off")}:{Guid.NewGuid():N}";
        await outbox.WriteAsync(conversation.Id, [AgentAction.Typing(key, on)], cancellationToken: cancellationToken);
    }

    private async Task MarkReadAsync(ChatData? chat, CancellationToken cancellationToken)
    {
        const string type = FrameTypes.MarkRead;
        var conversation = await RequireChatAsync(type, chat, cancellationToken);
        if (conversation is null)
        {
            return;
        }

        if (!Capabilities(conversation).ReadReceipts)
        {
            await SendErrorAsync("read receipts are not supported", type, cancellationToken);
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var lastInbound = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT id FROM messages WHERE conversation_id = @Id AND direction = 'in' ORDER BY seq DESC LIMIT 1",
            new { conversation.Id },
            cancellationToken: cancellationToken));
        if (lastInbound is not null)
        {
            // Keyed by the message: reading up to the same message twice marks it once.
            await outbox.WriteAsync(conversation.Id, [AgentAction.MarkRead($"ws:{integration.Id}:read:{lastInbound}", lastInbound)], cancellationToken: cancellationToken);
        }
    }

    private async Task<Conversation?> RequireChatAsync(string type, ChatData? chat, CancellationToken cancellationToken)
    {
        if (chat?.ChatId is not { Length: > 0 } chatId)
        {
            await SendErrorAsync($"{type} needs data.chatId.", type, cancellationToken);
            return null;
        }

        var conversation = await ResolveChatAsync(chatId, cancellationToken);
        if (conversation is null)
        {
            await SendErrorAsync(UnknownChat(chatId), type, cancellationToken);
        }

        return conversation;
    }

    /// <summary>
    /// A chat of this integration: a conversation with its phone (or a group it wrote in), or the
    /// phone number itself, which opens the one-to-one chat on the transport the phone paired on.
    /// </summary>
    private async Task<Conversation?> ResolveChatAsync(string chatId, CancellationToken cancellationToken)
    {
        var conversation = await conversations.FindAsync(chatId, cancellationToken);
        if (conversation is not null)
        {
            return await BelongsAsync(conversation, cancellationToken) ? conversation : null;
        }

        return HandleNormalizer.TryNormalize(chatId, out var handle)
            ? await integrationChats.OpenWithPhoneAsync(integration, handle, cancellationToken)
            : null;
    }

    private Task<bool> BelongsAsync(Conversation conversation, CancellationToken cancellationToken) =>
        integrationChats.BelongsAsync(integration, conversation, cancellationToken);

    private TransportCapabilities Capabilities(Conversation conversation) =>
        transports.CapabilitiesOf(conversation.Transport);

    private static string UnknownChat(string chatId) =>
        $"No chat '{FrameEcho.Bounded(chatId)}' belongs to this integration; use the chatId of a message.received, or the paired phone number.";
}
