using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Integrations;

namespace Tapback.AgentLink;

/// <summary>
/// One agent's WebSocket: frames in are read in order (<c>AgentSocket.Receive.cs</c>) and handed to the
/// collaborator for their purpose: <see cref="SocketActions"/> (what the agent does in a chat),
/// <see cref="SocketUploads"/> (files to send), <see cref="QueueDelivery"/> (ready, acks and the queue
/// out); everything goes out through one <see cref="FrameWriter"/>. A newer connection for the same
/// integration, or the end of the credential that opened it (a revoked API key, a re-pairing, a
/// delete), closes this one with 4000.
/// </summary>
internal sealed partial class AgentSocket : IDisposable
{
    // Network grace for a peer to answer our close frame: a property of the peer, not of product time.
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    // At a stop the whole process waits on it: a peer that does not answer the 1001 within a second
    // is dropped (it reconnects later either way).
    private static readonly TimeSpan StopCloseGrace = TimeSpan.FromSeconds(1);

    private readonly WebSocket _socket;
    private readonly Integration _integration;
    private readonly IntegrationConnections _connections;
    private readonly IOptions<AgentLinkOptions> _options;
    private readonly ILogger<AgentSocket> _logger;
    private readonly FrameWriter _writer;
    private readonly SocketActions _actions;
    private readonly SocketUploads _uploads;
    private readonly QueueDelivery _delivery;
    private readonly TaskCompletionSource<(int Code, string Reason)> _closeRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AgentSocket(
        WebSocket socket,
        Integration integration,
        Uri baseAddress,
        IServiceProvider services,
        IntegrationConnections connections,
        IOptions<AgentLinkOptions> options,
        ILogger<AgentSocket> logger)
    {
        _socket = socket;
        _integration = integration;
        _connections = connections;
        _options = options;
        _logger = logger;
        _writer = new FrameWriter(socket);
        _actions = ActivatorUtilities.CreateInstance<SocketActions>(services, integration, _writer);
        _uploads = ActivatorUtilities.CreateInstance<SocketUploads>(services, integration, baseAddress, _writer);
        _delivery = ActivatorUtilities.CreateInstance<QueueDelivery>(services, integration, baseAddress, _writer, (Action<int, string>)RequestClose);
    }

    public async Task RunAsync(CancellationToken aborted)
    {
        using var attachment = _connections.Attach(_integration.Id, RequestClose);
        LogConnected(_logger, _integration.Id);
        var receiving = ReceiveLoopAsync(aborted);
        var first = await Task.WhenAny(receiving, _closeRequested.Task);
        await _delivery.CancelAsync();
        if (first == _closeRequested.Task)
        {
            var (code, reason) = await _closeRequested.Task;
            LogClosing(_logger, _integration.Id, code, reason);
            await _writer.CloseAsync((WebSocketCloseStatus)code, reason);
            try
            {
                var grace = code == (int)WebSocketCloseStatus.EndpointUnavailable ? StopCloseGrace : CloseGrace;
                await receiving.WaitAsync(grace, TimeProvider.System, aborted);
            }
            catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
            {
                _socket.Abort();
            }
        }

        await receiving;
        await _delivery.StopAsync();
        LogDisconnected(_logger, _integration.Id);
    }

    /// <summary>Asks the connection to close with <paramref name="code"/>; safe from any thread, the first ask wins.</summary>
    public void RequestClose(int code, string reason) => _closeRequested.TrySetResult((code, reason));

    public void Dispose()
    {
        _writer.Dispose();
        _delivery.Dispose();
    }
}
