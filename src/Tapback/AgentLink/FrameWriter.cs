using System.Net.WebSockets;
using Tapback.AgentLink.Frames;

namespace Tapback.AgentLink;

/// <summary>
/// The sending side of one agent WebSocket: whole text frames, one at a time (the receive loop, the
/// delivery loop and the close all write to it), and nothing once the socket is no longer open.
/// </summary>
internal sealed class FrameWriter(WebSocket socket) : IDisposable
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public async Task<bool> SendAsync(byte[] frame, CancellationToken cancellationToken)
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

    public Task<bool> ErrorAsync(string message, string? requestType, CancellationToken cancellationToken, string? clientMessageId = null) =>
        SendAsync(Frame.Error(message, requestType, clientMessageId), cancellationToken);

    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
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

    public void Dispose() => _sendLock.Dispose();
}
