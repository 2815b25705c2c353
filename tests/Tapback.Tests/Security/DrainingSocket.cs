using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Tapback.Tests.Security;

/// <summary>
/// A raw agent socket for fuzzing: it reads every frame the gateway sends as soon as it comes (so
/// the gateway never blocks on a full pipe), hands the text frames to the test and records how the
/// conversation ended. It does not answer a close: the test hangs up instead (a client answering a
/// close waits up to a second for the server to end the connection, per RFC 6455, on every close).
/// </summary>
internal sealed class DrainingSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<string> _frames = Channel.CreateUnbounded<string>();
    private readonly Task _draining;

    private DrainingSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _draining = DrainAsync();
    }

    public WebSocketState State => _socket.State;

    /// <summary>The status of the gateway's close frame; null when the connection ended without one.</summary>
    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public string? CloseDescription { get; private set; }

    /// <summary>Why the connection ended without a close frame, for the failure message.</summary>
    public string? Failure { get; private set; }

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

    /// <summary>The next text frame the gateway sent; null once the connection ended (or after 10 s of silence).</summary>
    public async Task<string?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await _frames.Reader.WaitToReadAsync(timeout.Token) && _frames.Reader.TryRead(out var frame) ? frame : null;
        }
        catch (OperationCanceledException)
        {
            Failure ??= "no frame and no close within 10 s";
            return null;
        }
    }

    /// <summary>Waits (bounded) until the connection ended.</summary>
    public async Task WaitForEndAsync()
    {
        try
        {
            await _draining.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Failure ??= "the connection did not end within 10 s";
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
        using var message = new MemoryStream();
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseStatus = result.CloseStatus;
                    CloseDescription = result.CloseStatusDescription;
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    _frames.Writer.TryWrite(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                    message.SetLength(0);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            Failure ??= exception.InnerException?.Message ?? exception.Message;
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
