using Tapback.Messaging;

namespace Tapback.Transports.Simulator;

/// <summary>
/// A phone in the browser. Outbound actions become events the phone sees; like a provider that
/// honours idempotency keys, a repeated action shows once.
/// </summary>
internal sealed class SimulatorTransport(string name, PhoneLog phoneLog) : IMessageTransport
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
        Edits = false,
        Groups = true,
        IdempotentSends = true,
        PacedByDefault = false,
        BuiltInAgentAnswersByDefault = true,
    };

    public async Task<string?> ExecuteAsync(OutboundAction action, CancellationToken cancellationToken = default)
    {
        var handle = action.ChatId;
        switch (action)
        {
            case SendMessageAction send:
                await phoneLog.AppendAsync(
                    phoneLog.Line(
                        handle,
                        PhoneEventTypes.MessageReceived,
                        action.IdempotencyKey,
                        fromMe: false,
                        messageId: send.MessageId,
                        text: send.Text,
                        attachments: [.. send.Attachments.Select(file => new PhoneAttachment($"/api/simulator/attachments/{file.AttachmentId}", file.ContentType, file.FileName))]),
                    cancellationToken);
                return send.MessageId;
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
}
