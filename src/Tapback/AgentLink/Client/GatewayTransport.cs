using Microsoft.Extensions.Options;
using Tapback.AgentLink.Frames;
using Tapback.Messaging;

namespace Tapback.AgentLink.Client;

/// <summary>
/// The remote gateway as this process's transport: the local outbox's actions become frames on the
/// agent WebSocket. The gateway drops a repeated <c>clientMessageId</c>, so a send whose outcome a
/// crash hid can safely go again.
/// </summary>
internal sealed class GatewayTransport(GatewaySocket socket, IOptions<RemoteGatewayOptions> options, TimeProvider time) : IMessageTransport
{
    public const string KindName = "Gateway";
    public const string TransportName = "gateway";

    public string Name => TransportName;

    public string Kind => KindName;

    public TransportCapabilities Capabilities { get; } = new()
    {
        Typing = true,
        ReadReceipts = true,
        TapbacksSent = true,
        TapbacksReceived = true,

        // The gateway's typing.started / typing.stopped frames (GatewayEventHandler).
        TypingReceived = true,
        Attachments = true,
        IdempotentSends = true,
        PacedByDefault = false,
        BuiltInAgentAnswersByDefault = true,
        SendersAuthorisedUpstream = true,
    };

    public async Task<string?> ExecuteAsync(OutboundAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var chat = new ChatData { ChatId = action.ChatId };
        switch (action)
        {
            case SendMessageAction send:
                return await SendMessageAsync(send, cancellationToken);
            case SetTypingAction typing:
                await socket.SendAsync(typing.On ? FrameTypes.StartTyping : FrameTypes.StopTyping, chat, AgentLinkJsonContext.Wire.ChatData, cancellationToken);
                return null;
            case MarkReadAction:
                await socket.SendAsync(FrameTypes.MarkRead, chat, AgentLinkJsonContext.Wire.ChatData, cancellationToken);
                return null;
            case ReactAction react:
                var reaction = new SendReactionData { MessageId = react.MessageId, Operation = react.Remove ? "remove" : "add", ReactionType = react.Reaction.ToWire() };
                await socket.SendAsync(FrameTypes.SendReaction, reaction, AgentLinkJsonContext.Wire.SendReactionData, cancellationToken);
                return null;
            default:
                throw new TransportException($"The remote gateway transport cannot carry out {action.GetType().Name}.", retryable: false);
        }
    }

    private async Task<string?> SendMessageAsync(SendMessageAction send, CancellationToken cancellationToken)
    {
        var clientMessageId = send.IdempotencyKey;
        // Wait before writing: the answer can come back before SendAsync returns.
        var outcome = socket.WaitForOutcomeAsync(clientMessageId);
        try
        {
            // Already answered (redelivered after a restart before the outbox asked again): send nothing.
            if (!outcome.IsCompleted)
            {
                var data = new SendMessageData { ChatId = send.ChatId, Parts = [MessagePart.Text(send.Text)], ClientMessageId = clientMessageId };
                await socket.SendAsync(FrameTypes.SendMessage, data, AgentLinkJsonContext.Wire.SendMessageData, cancellationToken);
            }

            var result = await outcome.WaitAsync(options.Value.SendTimeout, time, cancellationToken);
            return result.Error is null
                ? result.MessageId
                : throw new TransportException($"The remote gateway could not send the message: {result.Error}", retryable: false);
        }
        catch (TimeoutException exception)
        {
            throw new TransportException($"The remote gateway did not confirm the send within {options.Value.SendTimeout}; it is retried under the same clientMessageId.", retryable: true, exception);
        }
        finally
        {
            socket.StopWaiting(clientMessageId);
        }
    }
}
