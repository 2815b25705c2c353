using System.Net.WebSockets;
using System.Text;

namespace Tapback.Tests.Security;

/// <summary>
/// A raw agent socket that reads and discards every frame the gateway sends (so the gateway never
/// blocks on a full pipe), for fuzzing: it cares only whether the gateway closes, and how.
/// </summary>
internal sealed class DrainingSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Task _draining;

    private DrainingSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _draining = DrainAsync();
    }

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public int FramesReceived { get; private set; }

    public static async Task<DrainingSocket> ConnectAsync(Uri baseAddress, string phone, string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new Uri($"ws://{baseAddress.Authority}/ws/{Uri.EscapeDataString(phone)}"), timeout.Token);
        var drained = new DrainingSocket(socket);
        await drained.SendAsync(Encoding.UTF8.GetBytes("""{"type":"ready"}"""), WebSocketMessageType.Text);
        return drained;
    }

    /// <summary>Sends one frame; false when the socket is no longer open (the gateway closed it).</summary>
    public async Task<bool> SendAsync(byte[] bytes, WebSocketMessageType type)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _socket.SendAsync(bytes, type, endOfMessage: true, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Waits (bounded) for the gateway's close frame after it stopped the conversation.</summary>
    public async Task WaitForEndAsync()
    {
        try
        {
            await _draining.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        await WaitForEndAsync();
        _socket.Dispose();
    }

    private async Task DrainAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.EndOfMessage)
                {
                    FramesReceived++;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Aborted: CloseStatus stays null, which the test reports.
        }
    }
}
