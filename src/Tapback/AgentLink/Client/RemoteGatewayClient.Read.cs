using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Tapback.AgentLink.Client;

internal sealed partial class RemoteGatewayClient
{
    /// <summary>The gateway's frames until it closes; a frame that is not a JSON object is logged and skipped.</summary>
    private async IAsyncEnumerable<InboundFrame> ReadFramesAsync(ClientWebSocket socket, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(chunk, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseQuietlyAsync(socket);
                    yield break;
                }

                if (message.Length + result.Count > MaxFrameBytes)
                {
                    throw new WebSocketException($"The gateway sent a frame over {MaxFrameBytes} bytes.");
                }

                message.Write(chunk, 0, result.Count);
            }
            while (!result.EndOfMessage);

            var frame = Parse(message.GetBuffer().AsMemory(0, (int)message.Length));
            if (frame is not null)
            {
                yield return frame;
            }
        }
    }

    private InboundFrame? Parse(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
            {
                long? seq = root.TryGetProperty("seq", out var number) && number.TryGetInt64(out var value) ? value : null;
                var data = root.TryGetProperty("data", out var payload) ? payload.Clone() : default;
                return new InboundFrame(type.GetString()!, seq, data);
            }
        }
        catch (JsonException)
        {
        }

        LogUnreadableFrame(logger, bytes.Length);
        return null;
    }
}
