using Tapback.Messaging;

namespace Tapback.Transports.Simulator;

/// <summary>
/// A phone in the browser. Outbound actions become events the phone sees; like a provider that
/// honours idempotency keys, a repeated action shows once.
/// </summary>
internal sealed class SimulatorTransport(string name, PhoneLog phoneLog, SimulatedPhones phones) : IMessageTransport, IHandleLookup
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
                await SendAsync(handle, send, cancellationToken);
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
                    var type = typing.On ? PhoneEventTypes.TypingStarted : PhoneEventTypes.TypingStopped;
                    await phoneLog.AppendAsync(phoneLog.Line(handle, type, action.IdempotencyKey, fromMe: false), cancellationToken);
                }

                return null;
            case MarkReadAction read:
                await phoneLog.AppendAsync(phoneLog.Line(handle, PhoneEventTypes.Read, action.IdempotencyKey, fromMe: false, messageId: read.MessageId), cancellationToken);
                return null;
            case ReactAction react:
                await phoneLog.AppendAsync(
                    phoneLog.Line(handle, PhoneEventTypes.Reaction, action.IdempotencyKey, fromMe: false, messageId: react.MessageId, reaction: react.Reaction.ToWire(), removed: react.Remove),
                    cancellationToken);
                return null;
            default:
                throw new TransportException($"The simulator cannot carry out {action.GetType().Name}.", retryable: false);
        }
    }

    private async Task SendAsync(string handle, SendMessageAction send, CancellationToken cancellationToken)
    {
        // To an SMS-only phone Messages sends a plain text message: no effect and no thread, as here.
        var sms = await phones.ServiceAsync(handle, cancellationToken) == MessageServices.Sms;
        await phoneLog.AppendAsync(
            phoneLog.Line(
                handle,
                PhoneEventTypes.MessageReceived,
                send.IdempotencyKey,
                fromMe: false,
                messageId: send.MessageId,
                text: send.Text,
                attachments: [.. send.Attachments.Select(file => new PhoneAttachment($"/api/simulator/attachments/{file.AttachmentId}", file.ContentType, file.FileName))],
                replyTo: sms ? null : send.ReplyTo,
                effect: sms ? null : send.Effect?.ToWire(),
                service: sms ? MessageServices.Sms : null),
            cancellationToken);
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
