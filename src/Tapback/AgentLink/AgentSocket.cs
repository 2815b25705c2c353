using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using Tapback.AgentLink.Frames;
using Tapback.Diagnostics;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Transports;
using Tapback.Storage;

namespace Tapback.AgentLink;

/// <summary>
/// One agent's WebSocket: frames in are handled in order (each action becomes outbox rows), and after
/// <c>ready</c> the integration's queue is delivered in order. A newer connection for the same
/// integration, or the end of the credential that opened it (a revoked API key, a re-pairing, a
/// delete), closes this one with 4000.
/// </summary>
internal sealed partial class AgentSocket(
    WebSocket socket,
    Integration integration,
    Uri baseAddress,
    IntegrationConnections connections,
    IntegrationStore integrations,
    LinkQueue queue,
    AgentLinkSignals signals,
    AgentEvents events,
    ConversationReader conversations,
    IntegrationChats integrationChats,
    Database database,
    OutboxWriter outbox,
    OutboxStore outboxStore,
    TransportRegistry transports,
    UploadStore uploads,
    FileUrls fileUrls,
    IOptions<AgentLinkOptions> options,
    TapbackMetrics metrics,
    TimeProvider time,
    ILogger<AgentSocket> logger) : IDisposable
{
    // Network grace for a peer to answer our close frame: a property of the peer, not of product time.
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource<(int Code, string Reason)> _closeRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopDelivery = new();
    private Task? _delivery;
    private bool _acks;
    private long _lastSent;

    private string Link => integration.Link;

    public async Task RunAsync(CancellationToken aborted)
    {
        using var attachment = connections.Attach(integration.Id, Close);
        LogConnected(logger, integration.Id);
        var receiving = ReceiveLoopAsync(aborted);
        var first = await Task.WhenAny(receiving, _closeRequested.Task);
        await _stopDelivery.CancelAsync();
        if (first == _closeRequested.Task)
        {
            var (code, reason) = await _closeRequested.Task;
            LogClosing(logger, integration.Id, code, reason);
            await CloseAsync((WebSocketCloseStatus)code, reason);
            try
            {
                await receiving.WaitAsync(CloseGrace, TimeProvider.System, aborted);
            }
            catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
            {
                socket.Abort();
            }
        }

        await receiving;
        if (_delivery is not null)
        {
            await _delivery;
        }

        LogDisconnected(logger, integration.Id);
    }

    /// <summary>Asks the connection to close with <paramref name="code"/>; safe from any thread, the first ask wins.</summary>
    public void Close(int code, string reason) => _closeRequested.TrySetResult((code, reason));

    private async Task<bool> SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (socket.State != WebSocketState.Open)
            {
                return false;
            }

            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            return true;
        }
        catch (WebSocketException)
        {
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private Task<bool> SendErrorAsync(string message, string? requestType, CancellationToken cancellationToken, string? clientMessageId = null) =>
        SendAsync(Frame.Error(message, requestType, clientMessageId), cancellationToken);

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, reason, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public void Dispose()
    {
        _sendLock.Dispose();
        _stopDelivery.Dispose();
    }
}
