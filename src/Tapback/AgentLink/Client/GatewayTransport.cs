using Microsoft.Extensions.Options;
using Tapback.Client;
using Tapback.Messaging;

namespace Tapback.AgentLink.Client;

/// <summary>
/// The remote gateway as this process's transport: the local outbox's actions become Tapback.Client
/// calls on the agent WebSocket. A send carries the outbox row's key as its <c>clientMessageId</c>,
/// which the gateway never sends twice, so a send whose outcome a crash hid can safely go again.
/// </summary>
internal sealed class GatewayTransport(TapbackAgentClient client, IOptions<RemoteGatewayOptions> options, TimeProvider time) : IMessageTransport
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
        try
        {
            switch (action)
            {
                case SendMessageAction send:
                    return await SendMessageAsync(send, cancellationToken);
                case SetTypingAction typing:
                    await client.SetTypingAsync(typing.ChatId, typing.On, cancellationToken);
                    return null;
                case MarkReadAction read:
                    await client.MarkReadAsync(read.ChatId, cancellationToken);
                    return null;
                case ReactAction react:
                    await client.ReactAsync(react.MessageId, react.Reaction.ToWire(), react.Remove, cancellationToken);
                    return null;
                default:
                    throw new TransportException($"The remote gateway transport cannot carry out {action.GetType().Name}.", retryable: false);
            }
        }
        catch (TapbackNotConnectedException exception)
        {
            throw new TransportException("Not connected to the remote gateway; the action is retried after the reconnect.", retryable: true, exception);
        }
    }

    private async Task<string?> SendMessageAsync(SendMessageAction send, CancellationToken cancellationToken)
    {
        // Not connected: the outbox backs off and asks again, rather than holding a worker while away.
        if (!client.IsConnected)
        {
            throw new TapbackNotConnectedException("send_message");
        }

        var timeout = options.Value.SendTimeout;
        using var timer = new CancellationTokenSource(timeout, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            // Held by the gateway's send governor counts as handed over: the gateway's outbox owns it now
            // and sends it when released (asking again would only hear the same hold).
            var taken = await client.SendAsync(send.ChatId, send.Text, new SendOptions { ClientMessageId = send.IdempotencyKey }, waiting.Token);
            return taken.MessageId;
        }
        catch (TapbackSendFailedException exception)
        {
            throw new TransportException($"The remote gateway could not send the message: {exception.Error}", retryable: false, exception);
        }
        catch (OperationCanceledException exception) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TransportException($"The remote gateway did not confirm the send within {timeout}; it is retried under the same clientMessageId.", retryable: true, exception);
        }
    }
}
