using System.Net.WebSockets;

namespace Tapback.Client;

/// <summary>
/// One WebSocket connection to the gateway. Acks go only to the connection that delivered the event
/// (a seq is acked where it was delivered), and a connection whose handler failed acks nothing more.
/// </summary>
internal sealed class Connection(ClientWebSocket socket)
{
    private volatile bool _connected;
    private volatile Exception? _failure;

    public ClientWebSocket Socket { get; } = socket;

    /// <summary>Open and answered with <c>connected</c>.</summary>
    public bool IsConnected => _connected && Socket.State == WebSocketState.Open && _failure is null;

    /// <summary>Answered with <c>connected</c> at some point, whatever its state now.</summary>
    public bool WasConnected => _connected;

    public bool Failed => _failure is not null;

    public Exception? Failure => _failure;

    public bool IsOpen => Socket.State == WebSocketState.Open && _failure is null;

    public void MarkConnected() => _connected = true;

    /// <summary>Drops the connection without acking anything more: what followed the failed event comes again.</summary>
    public void Fail(Exception exception)
    {
        _failure ??= exception;
        Socket.Abort();
    }
}
