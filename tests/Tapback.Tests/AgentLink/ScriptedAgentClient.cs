using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Tapback.Tests.AgentLink;

/// <summary>
/// An agent client that knows only the protocol in docs/protocol.md: a ClientWebSocket, raw JSON
/// frames, no Tapback types. Frames it receives are queued for the test to read in order.
/// </summary>
internal sealed class ScriptedAgentClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly System.Threading.Channels.Channel<JsonObject> _frames = System.Threading.Channels.Channel.CreateUnbounded<JsonObject>();
    private readonly Task _reading;

    private ScriptedAgentClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reading = ReadAsync();
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public WebSocketState State => _socket.State;

    /// <summary>Opens <c>/ws/{phone}</c> with the token; throws <see cref="WebSocketException"/> with the HTTP status when refused.</summary>
    public static async Task<ScriptedAgentClient> ConnectAsync(Uri baseAddress, string phone, string? token)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        }

        var uri = new Uri($"ws://{baseAddress.Authority}/ws/{Uri.EscapeDataString(phone)}");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(uri, timeout.Token);
        }
        catch (WebSocketException exception)
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();
            throw new WebSocketException($"HTTP {status}", exception);
        }

        return new ScriptedAgentClient(socket);
    }

    /// <summary>Connects, sends ready, and returns the client with its <c>connected</c> frame.</summary>
    public static async Task<(ScriptedAgentClient Client, JsonObject Connected)> ConnectReadyAsync(Uri baseAddress, string phone, string token, bool acks = false)
    {
        var client = await ConnectAsync(baseAddress, phone, token);
        await client.SendAsync(acks ? """{"type":"ready","data":{"acks":true}}""" : """{"type":"ready"}""");
        var connected = await client.ReceiveAsync();
        Assert.Equal("connected", (string?)connected["type"]);
        return (client, connected);
    }

    public Task SendAsync(string json) => SendRawAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text);

    public Task SendAsync(JsonObject frame) => SendAsync(frame.ToJsonString());

    public async Task SendRawAsync(byte[] bytes, WebSocketMessageType type)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _socket.SendAsync(bytes, type, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next frame; fails the test after a bounded real wait.</summary>
    public async Task<JsonObject> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _frames.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No frame arrived in time.");
        }
    }

    /// <summary>The next frame of <paramref name="type"/>, skipping others (returned in <paramref name="skipped"/>).</summary>
    public async Task<JsonObject> ReceiveAsync(string type, List<JsonObject>? skipped = null)
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if ((string?)frame["type"] == type)
            {
                return frame;
            }

            skipped?.Add(frame);
        }
    }

    /// <summary>True when no frame arrives within <paramref name="wait"/> (real time; only for "nothing more comes").</summary>
    public async Task<bool> IsQuietAsync(TimeSpan wait)
    {
        using var cancel = new CancellationTokenSource(wait);
        try
        {
            await _frames.Reader.WaitToReadAsync(cancel.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>Waits until the gateway closed the socket; returns its close code.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync()
    {
        await _reading.WaitAsync(TimeSpan.FromSeconds(10));
        return _socket.CloseStatus;
    }

    /// <summary>Drops the connection without a close handshake, as a dying process would.</summary>
    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Abort();
        try
        {
            await _reading.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }

        _socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    _frames.Writer.TryWrite(JsonNode.Parse(message.ToArray())!.AsObject());
                    message.SetLength(0);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The socket died or was aborted: the frames read so far stay readable.
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
