using System.Net.WebSockets;
using System.Text.Json;
using Tapback.AgentLink.Frames;

namespace Tapback.AgentLink;

/// <summary>The socket's reading side: whole JSON text messages, bounded in size, handled one at a time in order.</summary>
internal sealed partial class AgentSocket
{
    private async Task ReceiveLoopAsync(CancellationToken aborted)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(), aborted);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The runtime closes a text frame that is not UTF-8 itself (1007) and throws here; the
                // client has still to read that close, as after one of ours. A client that vanished
                // cancelled the token, so this returns at once.
                await DrainAfterCloseAsync(buffer, aborted);
                return;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                // The client closed (or answered our close): finish the handshake.
                await _writer.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty);
                return;
            }

            if (message.Length + result.Count > _options.Value.MaxFrameBytes)
            {
                await _writer.ErrorAsync($"A frame may be at most {_options.Value.MaxFrameBytes} bytes.", null, aborted);
                LogClosing(_logger, _integration.Id, (int)WebSocketCloseStatus.MessageTooBig, "frame too large");
                await _writer.CloseAsync(WebSocketCloseStatus.MessageTooBig, "frame too large");
                await DrainAfterCloseAsync(buffer, aborted);
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var frame = message.ToArray();
            message.SetLength(0);
            if (result.MessageType != WebSocketMessageType.Text)
            {
                await _writer.ErrorAsync("Frames are JSON text messages, not binary.", null, aborted);
                continue;
            }

            await HandleFrameAsync(frame, aborted);
        }
    }

    /// <summary>
    /// After a close the client has not answered yet, reads (and drops) what it still sends, such as the
    /// rest of an oversized frame, until its close comes or the grace ends. Ending the connection while
    /// the client still sends makes the kernel answer with a reset, and a reset loses the close frame
    /// in flight: the client would see a dropped connection instead of the status and reason. When the
    /// runtime itself closed and aborted the socket (a text frame that is not UTF-8), nothing can be read
    /// any more, so the connection is only held open until the client hangs up or the grace ends.
    /// </summary>
    private async Task DrainAfterCloseAsync(byte[] buffer, CancellationToken aborted)
    {
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        grace.CancelAfter(CloseGrace);
        try
        {
            if (_socket.State == WebSocketState.Aborted)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, grace.Token);
            }

            while (_socket.State == WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), grace.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client went away or let the grace pass: nothing more is owed to it.
        }
    }

    private async Task HandleFrameAsync(byte[] frame, CancellationToken cancellationToken)
    {
        string? type = null;
        try
        {
            using var document = JsonDocument.Parse(frame);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                await _writer.ErrorAsync("A frame is a JSON object: {\"type\": …, \"data\": {…}}.", null, cancellationToken);
                return;
            }

            if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                await _writer.ErrorAsync("The frame has no \"type\" string.", null, cancellationToken);
                return;
            }

            type = typeElement.GetString()!;
            var data = root.TryGetProperty("data", out var dataElement) ? dataElement : default;
            if (data.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
            {
                await _writer.ErrorAsync($"The \"data\" of {FrameEcho.Bounded(type)} must be an object.", type, cancellationToken);
                return;
            }

            await DispatchAsync(type, data, cancellationToken);
        }
        catch (JsonException exception)
        {
            var what = type is null ? "The frame is not valid JSON" : $"The data of {FrameEcho.Bounded(type)} does not fit its shape";
            await _writer.ErrorAsync($"{what}: {FirstSentence(exception.Message)}", type, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var shown = type is null ? null : FrameEcho.Bounded(type);
            LogFrameFailed(_logger, _integration.Id, shown ?? "?", exception);
            await _writer.ErrorAsync($"The gateway could not handle {shown ?? "the frame"}; nothing was done. Try again.", type, cancellationToken);
        }
    }

    private Task DispatchAsync(string type, JsonElement data, CancellationToken cancellationToken) => type switch
    {
        FrameTypes.Ready => _delivery.ReadyAsync(Read(data, AgentLinkJsonContext.Wire.ReadyData) ?? new ReadyData(), cancellationToken),
        FrameTypes.Ack => _delivery.AckAsync(Read(data, AgentLinkJsonContext.Wire.AckData), cancellationToken),
        FrameTypes.SendMessage => _actions.SendMessageAsync(Read(data, AgentLinkJsonContext.Wire.SendMessageData), cancellationToken),
        FrameTypes.SendReaction => _actions.SendReactionAsync(Read(data, AgentLinkJsonContext.Wire.SendReactionData), cancellationToken),
        FrameTypes.StartTyping => _actions.TypingAsync(type, Read(data, AgentLinkJsonContext.Wire.ChatData), on: true, cancellationToken),
        FrameTypes.StopTyping => _actions.TypingAsync(type, Read(data, AgentLinkJsonContext.Wire.ChatData), on: false, cancellationToken),
        FrameTypes.MarkRead => _actions.MarkReadAsync(Read(data, AgentLinkJsonContext.Wire.ChatData), cancellationToken),
        FrameTypes.EditMessage => _actions.EditMessageAsync(Read(data, AgentLinkJsonContext.Wire.EditMessageData), cancellationToken),
        FrameTypes.UnsendMessage => _actions.UnsendMessageAsync(Read(data, AgentLinkJsonContext.Wire.UnsendMessageData), cancellationToken),
        FrameTypes.UploadAttachment => _uploads.UploadAttachmentAsync(Read(data, AgentLinkJsonContext.Wire.UploadAttachmentData), cancellationToken),
        _ => _writer.ErrorAsync($"Unknown frame type '{FrameEcho.Bounded(type)}'. A client sends one of: {string.Join(", ", FrameTypes.ClientTypes)}.", type, cancellationToken),
    };

    private static T? Read<T>(JsonElement data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class =>
        data.ValueKind == JsonValueKind.Object ? data.Deserialize(typeInfo) : null;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
