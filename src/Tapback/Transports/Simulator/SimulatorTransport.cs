using Tapback.Gateway.Outbox;
using Tapback.Messaging;

namespace Tapback.Transports.Simulator;

/// <summary>
/// A phone in the browser. Outbound actions become events the phone sees; like a provider that
/// honours idempotency keys, a repeated action shows once.
/// </summary>
internal sealed class SimulatorTransport(string name, PhoneLog phoneLog, SimulatedPhones phones) : IMessageTransport, IHandleLookup, IStoreTransport
{
    public const string KindName = "Simulator";

    public string Name => name;

    public string Kind => KindName;

    public TransportCapabilities Capabilities { get; } = new()
    {
        Typing = true,
        ReadReceipts = true,
        TapbacksSent = true,
        TapbacksReceived = true,
        Attachments = true,
        VoiceNotes = false,
        Edits = true,
        Unsends = true,
        Replies = true,
        Effects = true,
        TypingReceived = true,
        HandleLookup = true,
        // A contact card is a .vcf file, which the phone shows like any other file.
        ContactCards = true,
        Groups = true,
        IdempotentSends = true,
        PacedByDefault = false,
        Simulated = true,
        BuiltInAgentAnswersByDefault = true,
    };

    public async Task<bool?> IsOnIMessageAsync(string handle, CancellationToken cancellationToken = default) =>
        await phones.IsOnIMessageAsync(handle, cancellationToken);

    public async Task<string?> ExecuteAsync(OutboundAction action, CancellationToken cancellationToken = default)
    {
        var handle = action.ChatId;
        switch (action)
        {
            case SendMessageAction send:
                await phoneLog.AppendAsync(await MessageLineAsync(handle, send, cancellationToken), cancellationToken);
                return send.MessageId;
            case EditMessageAction edit:
                await EditAsync(handle, edit, cancellationToken);
                return null;
            case UnsendMessageAction unsend:
                await UnsendAsync(handle, unsend, cancellationToken);
                return null;
            case SetTypingAction typing:
                // A phone shows one indicator; repeating "on" (a keep-alive) changes nothing it sees.
                if (typing.On != await phoneLog.IsTypingShownAsync(handle, cancellationToken))
                {
                    await phoneLog.AppendAsync(TypingLine(handle, typing), cancellationToken);
                }

                return null;
            case MarkReadAction or ReactAction:
                await phoneLog.AppendAsync(SimpleLine(handle, action), cancellationToken);
                return null;
            default:
                throw new TransportException($"The simulator cannot carry out {action.GetType().Name}.", retryable: false);
        }
    }

    /// <summary>
    /// Everything but an edit or an unsend (which first look for the bubble on the phone) is one line of
    /// the phone's log, written in the outbox's own write: shown exactly when the row is recorded done.
    /// </summary>
    public async Task<StoreSend?> PrepareAsync(OutboundAction action, CancellationToken cancellationToken = default)
    {
        var handle = action.ChatId;
        switch (action)
        {
            case SendMessageAction send:
                var bubble = await MessageLineAsync(handle, send, cancellationToken);
                return new StoreSend(send.MessageId, bubble.WriteAsync, bubble.Publish);
            case SetTypingAction typing:
                var indicator = TypingLine(handle, typing);
                return new StoreSend(
                    null,
                    async (connection, transaction, token) =>
                    {
                        // Read in the same transaction: the rows before it in this write may have changed what the phone shows.
                        if (typing.On != await PhoneLog.IsTypingShownAsync(connection, transaction, handle, token))
                        {
                            await indicator.WriteAsync(connection, transaction, token);
                        }
                        else
                        {
                            indicator.Withdraw();
                        }
                    },
                    indicator.Publish);
            case MarkReadAction or ReactAction:
                var line = SimpleLine(handle, action);
                return new StoreSend(null, line.WriteAsync, line.Publish);
            default:
                return null;
        }
    }

    private PhoneLogLine TypingLine(string handle, SetTypingAction typing) =>
        phoneLog.Line(handle, typing.On ? PhoneEventTypes.TypingStarted : PhoneEventTypes.TypingStopped, typing.IdempotencyKey, fromMe: false);

    /// <summary>A read receipt or a tapback: one line, nothing to look up first.</summary>
    private PhoneLogLine SimpleLine(string handle, OutboundAction action) => action switch
    {
        MarkReadAction read => phoneLog.Line(handle, PhoneEventTypes.Read, action.IdempotencyKey, fromMe: false, messageId: read.MessageId),
        ReactAction react => phoneLog.Line(
            handle, PhoneEventTypes.Reaction, action.IdempotencyKey, fromMe: false, messageId: react.MessageId, reaction: react.Reaction.ToWire(), removed: react.Remove),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.GetType().Name, "Only a read receipt or a tapback is one line."),
    };

    private async Task<PhoneLogLine> MessageLineAsync(string handle, SendMessageAction send, CancellationToken cancellationToken)
    {
        // To an SMS-only phone Messages sends a plain text message: no effect and no thread, as here.
        var sms = await phones.ServiceAsync(handle, cancellationToken) == MessageServices.Sms;
        return phoneLog.Line(
            handle,
            PhoneEventTypes.MessageReceived,
            send.IdempotencyKey,
            fromMe: false,
            messageId: send.MessageId,
            text: send.Text,
            attachments: [.. send.Attachments.Select(file => new PhoneAttachment($"/api/simulator/attachments/{file.AttachmentId}", file.ContentType, file.FileName))],
            replyTo: sms ? null : send.ReplyTo,
            effect: sms ? null : send.Effect?.ToWire(),
            service: sms ? MessageServices.Sms : null);
    }

    private async Task EditAsync(string handle, EditMessageAction edit, CancellationToken cancellationToken)
    {
        await SentBubbleAsync(handle, edit.MessageId, "edit", cancellationToken);
        await phoneLog.AppendAsync(
            phoneLog.Line(handle, PhoneEventTypes.MessageEdited, edit.IdempotencyKey, fromMe: false, messageId: edit.MessageId, text: edit.Text),
            cancellationToken);
    }

    private async Task UnsendAsync(string handle, UnsendMessageAction unsend, CancellationToken cancellationToken)
    {
        await SentBubbleAsync(handle, unsend.MessageId, "unsend", cancellationToken);
        await phoneLog.AppendAsync(
            phoneLog.Line(handle, PhoneEventTypes.MessageUnsent, unsend.IdempotencyKey, fromMe: false, messageId: unsend.MessageId),
            cancellationToken);
        // Also on a repeat: a crash between the two writes must not leave the words on the phone.
        await phoneLog.ForgetContentAsync(unsend.MessageId, cancellationToken);
    }

    /// <summary>The agent's bubble an edit or unsend acts on; refused (never retried) when the phone
    /// never showed it there or it went as SMS, which cannot be edited or unsent.</summary>
    private async Task SentBubbleAsync(string handle, string messageId, string verb, CancellationToken cancellationToken)
    {
        var message = await phoneLog.FindMessageAsync(messageId, cancellationToken);
        if (message is null || message.FromMe || message.Handle != handle)
        {
            throw new TransportException($"The simulated phone has no message '{messageId}' from the agent in this chat to {verb}.", retryable: false);
        }

        if (message.IsSms)
        {
            throw new TransportException($"Message '{messageId}' went as SMS, which cannot be {(verb == "edit" ? "edited" : "unsent")}.", retryable: false);
        }
    }
}
