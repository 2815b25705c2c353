using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Tapback.Bench;

/// <summary>
/// A bench agent on a WebSocket speaking docs/protocol.md: it says <c>ready</c> and hands every frame it
/// receives to the benchmark with the time it arrived. The same client reads the echo baseline.
/// </summary>
internal sealed class AgentSocketClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private AgentSocketClient(ClientWebSocket socket, Action<string, long> onFrame)
    {
        _socket = socket;
        _reading = ReadAsync(onFrame, _stop.Token);
    }

    public static async Task<AgentSocketClient> ConnectAsync(Uri url, string? token, Action<string, long> onFrame)
    {
        var socket = new ClientWebSocket();
        if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        }

        await socket.ConnectAsync(url, CancellationToken.None);
        await socket.SendAsync("""{"type":"ready"}"""u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        return new AgentSocketClient(socket, onFrame);
    }

    private async Task ReadAsync(Action<string, long> onFrame, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var frame = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                frame.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    onFrame(Encoding.UTF8.GetString(frame.GetBuffer(), 0, (int)frame.Length), Stopwatch.GetTimestamp());
                    frame.SetLength(0);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _socket.Dispose();
        _stop.Dispose();
    }
}
