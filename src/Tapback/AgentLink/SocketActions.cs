using Tapback.AgentLink.Frames;
using Tapback.Gateway.Actions;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Integrations;
using Tapback.Messaging;

namespace Tapback.AgentLink;

/// <summary>
/// The WebSocket's side of the action core: <c>send_message</c>, <c>send_reaction</c>, typing and
/// <c>mark_read</c> frames become <see cref="AgentActions"/> commands, and a refusal becomes an
/// <c>error</c> frame with its sentence. An accepted send is answered later, by <c>message.sent</c> /
/// <c>message.failed</c> through the queue; the other actions are answered only when refused.
/// </summary>
internal sealed partial class SocketActions(Integration integration, FrameWriter writer, AgentActions actions, UploadStore uploads)
{
    private ActionCaller Caller => ActionCaller.Of(integration, ActionCaller.Surfaces.WebSocket);

    public async Task SendMessageAsync(SendMessageData? send, CancellationToken cancellationToken)
    {
        const string type = FrameTypes.SendMessage;
        var clientMessageId = send?.ClientMessageId;
        if (send is null)
        {
            await writer.ErrorAsync("send_message needs data: {chatId?, parts}.", type, cancellationToken, clientMessageId);
            return;
        }

        // Without a chatId the hosted gateways send to the paired phone's one-to-one chat, and their
        // clients rely on it (Superagent's connector sends the agent's contact card right after setup,
        // before any message arrived).
        var chatId = send.ChatId is { Length: > 0 } named ? named : integration.Phone;
        if (clientMessageId is { Length: > FrameEcho.MaxClientMessageIdChars })
        {
            await writer.ErrorAsync($"data.clientMessageId is at most {FrameEcho.MaxClientMessageIdChars} characters.", type, cancellationToken, clientMessageId);
            return;
        }

        if (send.Parts is not { Count: > 0 } parts)
        {
            await writer.ErrorAsync("send_message needs data.parts: at least one {type:\"text\", value} or {type:\"media\", attachmentId}.", type, cancellationToken, clientMessageId);
            return;
        }

        var (effect, badEffect) = MessageEffectArgument.Parse(send.Effect);
        if (badEffect is not null)
        {
            await writer.ErrorAsync(badEffect.Reason, type, cancellationToken, clientMessageId);
            return;
        }

        var texts = new List<string>();
        var files = new List<SendFile>();
        for (var index = 0; index < parts.Count; index++)
        {
            var part = parts[index];
            switch (part?.Type)
            {
                case "text" when part.Value is not null:
                    // An empty text part adds nothing; a send that is left with nothing is the core's to refuse.
                    if (part.Value.Length > 0)
                    {
                        texts.Add(part.Value);
                    }

                    break;
                case "text":
                    await writer.ErrorAsync($"parts[{index}] is a text part without a value.", type, cancellationToken, clientMessageId);
                    return;
                case "media":
                    var upload = part.AttachmentId is { } attachmentId ? await uploads.FindAsync(attachmentId, cancellationToken) : null;
                    if (upload is null || upload.IntegrationId != integration.Id || upload.Sha256 is null)
                    {
                        await writer.ErrorAsync(
                            $"parts[{index}] names attachment '{FrameEcho.Bounded(part.AttachmentId ?? string.Empty)}', which this integration has not uploaded; send upload_attachment, PUT the bytes, then send its attachmentId.",
                            type, cancellationToken, clientMessageId);
                        return;
                    }

                    files.Add(SendFile.Of(new StoredAttachment { Id = upload.Id, FileName = upload.FileName, ContentType = upload.ContentType, SizeBytes = upload.SizeBytes, Sha256 = upload.Sha256 }));
                    break;
                default:
                    await writer.ErrorAsync($"parts[{index}] has type '{FrameEcho.Bounded(part?.Type ?? string.Empty)}'; a part is \"text\" or \"media\".", type, cancellationToken, clientMessageId);
                    return;
            }
        }

        var (sendAt, badTime) = SendAtText.Parse(send.SendAt);
        if (badTime is not null)
        {
            await AnswerAsync(badTime, type, cancellationToken, clientMessageId);
            return;
        }

        var result = await actions.SendAsync(
            Caller,
            new SendCommand
            {
                Chat = ChatRef.Either(chatId),
                Text = string.Join('\n', texts),
                Files = files,
                ReplyTo = string.IsNullOrEmpty(send.ReplyTo) ? null : send.ReplyTo,
                Effect = effect,
                IdempotencyKey = clientMessageId,
                ClientMessageId = clientMessageId,
                SendAt = sendAt,
            },
            cancellationToken);
        await AnswerAsync(result, type, cancellationToken, clientMessageId);
    }

    public async Task SendReactionAsync(SendReactionData? reaction, CancellationToken cancellationToken)
    {
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
            await writer.ErrorAsync($"send_reaction needs {string.Join(", ", errors)}.", FrameTypes.SendReaction, cancellationToken);
            return;
        }

        var result = await actions.ReactAsync(Caller, new ReactCommand { MessageId = reaction!.MessageId!, Reaction = tapback, Remove = reaction.Operation == "remove" }, cancellationToken);
        await AnswerAsync(result, FrameTypes.SendReaction, cancellationToken);
    }

    public async Task TypingAsync(string type, ChatData? chat, bool on, CancellationToken cancellationToken)
    {
        if (await ChatOfAsync(type, chat, cancellationToken) is { } chatRef)
        {
            await AnswerAsync(await actions.TypingAsync(Caller, new TypingCommand { Chat = chatRef, On = on }, cancellationToken), type, cancellationToken);
        }
    }

    public async Task MarkReadAsync(ChatData? chat, CancellationToken cancellationToken)
    {
        if (await ChatOfAsync(FrameTypes.MarkRead, chat, cancellationToken) is { } chatRef)
        {
            await AnswerAsync(await actions.MarkReadAsync(Caller, new MarkReadCommand { Chat = chatRef }, cancellationToken), FrameTypes.MarkRead, cancellationToken);
        }
    }

    private async Task<ChatRef?> ChatOfAsync(string type, ChatData? chat, CancellationToken cancellationToken)
    {
        if (chat?.ChatId is { Length: > 0 } chatId)
        {
            return ChatRef.Either(chatId);
        }

        await writer.ErrorAsync($"{type} needs data.chatId.", type, cancellationToken);
        return null;
    }

    private async Task AnswerAsync(ActionResult result, string type, CancellationToken cancellationToken, string? clientMessageId = null)
    {
        if (result is ActionResult.Refused refused)
        {
            await writer.ErrorAsync(refused.Reason, type, cancellationToken, clientMessageId);
        }
    }
}
