using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json.Serialization.Metadata;

namespace Tapback.Client;

public sealed partial class TapbackAgentClient
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SendOutcomes _outcomes = new();
    private readonly ConcurrentDictionary<string, PendingSend> _pending = new(StringComparer.Ordinal);

    /// <summary>
    /// Sends a message and waits for its outcome. The send carries a <c>clientMessageId</c> (a new one
    /// unless <see cref="SendOptions.ClientMessageId"/> names it): while no outcome has come it is written
    /// again after each reconnect, and the gateway sends it once. Returns once the gateway sent it, or
    /// holds it (the send governor: <see cref="SendResult.Held"/>; it goes later or fails, and its
    /// <see cref="MessageSentEvent"/> or <see cref="MessageFailedEvent"/> comes with the events), so a
    /// handler that awaits a held send does not stall the events behind it.
    /// </summary>
    /// <param name="chatId">A chat of this integration (from an event), or the paired phone number; null for the paired phone's one-to-one chat.</param>
    /// <param name="text">The text; may be empty when files are attached.</param>
    /// <param name="options">Key, inline reply, effect, schedule and files.</param>
    /// <param name="cancellationToken">Stops waiting (the send may still go: ask again with the same key to learn its outcome).</param>
    /// <exception cref="TapbackSendFailedException">The gateway reported <c>message.failed</c> or refused the frame.</exception>
    public async Task<SendResult> SendAsync(string? chatId, string text, SendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new SendOptions();
        var key = options.ClientMessageId ?? Guid.NewGuid().ToString("N");
        List<MessagePart> parts = text.Length > 0 ? [MessagePart.Text(text)] : [];
        parts.AddRange((options.AttachmentIds ?? []).Select(MessagePart.Media));
        var data = new SendMessageData { ChatId = chatId, Parts = parts, ClientMessageId = key, ReplyTo = options.ReplyTo, Effect = options.Effect, SendAt = options.SendAt };

        // Wait before writing: the answer can come back before the write returns.
        var outcome = _outcomes.WaitAsync(key);
        try
        {
            // Already answered (a redelivered message.sent of an earlier try): nothing is written.
            if (!outcome.IsCompleted)
            {
                var pending = new PendingSend(FrameCodec.Serialize(FrameTypes.SendMessage, data, ClientJsonContext.Wire.SendMessageData));
                _pending[key] = pending;
                if (_connection is { IsConnected: true } connection)
                {
                    await WritePendingAsync(connection, pending, cancellationToken);
                }
            }

            var result = await outcome.WaitAsync(cancellationToken);
            return result.Error is null
                ? new SendResult(result.MessageId!, result.ChatId, key) { HeldReason = result.HeldReason }
                : throw new TapbackSendFailedException(key, result.Error, result.MessageId, result.Refused);
        }
        finally
        {
            _pending.TryRemove(key, out _);
            _outcomes.StopWaiting(key);
        }
    }

    /// <summary>Answers a message in its chat (<see cref="SendAsync"/>); set <see cref="SendOptions.ReplyTo"/> to thread the answer under it.</summary>
    public Task<SendResult> ReplyAsync(MessageReceivedEvent message, string text, SendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync(message.ChatId, text, options, cancellationToken);
    }

    /// <summary>Adds (or removes) a tapback on a message: <see cref="Reactions"/> names the six.</summary>
    public Task ReactAsync(string messageId, string reaction, bool remove = false, CancellationToken cancellationToken = default) =>
        WriteNowAsync(FrameTypes.SendReaction, new SendReactionData(messageId, remove ? "remove" : "add", reaction), ClientJsonContext.Wire.SendReactionData, cancellationToken);

    /// <summary>Shows or hides the typing indicator in a chat.</summary>
    public Task SetTypingAsync(string chatId, bool typing, CancellationToken cancellationToken = default) =>
        WriteNowAsync(typing ? FrameTypes.StartTyping : FrameTypes.StopTyping, new ChatData(chatId), ClientJsonContext.Wire.ChatData, cancellationToken);

    /// <summary>Marks a chat read up to the phone's latest message (it shows "Read").</summary>
    public Task MarkReadAsync(string chatId, CancellationToken cancellationToken = default) =>
        WriteNowAsync(FrameTypes.MarkRead, new ChatData(chatId), ClientJsonContext.Wire.ChatData, cancellationToken);

    /// <summary>
    /// Edits a message the agent sent; the outcome comes as <see cref="MessageEditedEvent"/> or a
    /// <see cref="MessageFailedEvent"/> with operation <c>edit</c>. <paramref name="clientMessageId"/> is the edit's key.
    /// </summary>
    public Task EditAsync(string messageId, string text, string? clientMessageId = null, CancellationToken cancellationToken = default) =>
        WriteNowAsync(FrameTypes.EditMessage, new EditMessageData(messageId, text, clientMessageId ?? Guid.NewGuid().ToString("N")), ClientJsonContext.Wire.EditMessageData, cancellationToken);

    /// <summary>Takes back a message the agent sent (or cancels its send still waiting); asking again does nothing more.</summary>
    public Task UnsendAsync(string messageId, CancellationToken cancellationToken = default) =>
        WriteNowAsync(FrameTypes.UnsendMessage, new UnsendMessageData(messageId), ClientJsonContext.Wire.UnsendMessageData, cancellationToken);

    /// <summary>Writes a frame that carries no key on the open connection; throws <see cref="TapbackNotConnectedException"/> without one.</summary>
    private Task WriteNowAsync<T>(string type, T data, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        _connection is { IsOpen: true } connection
            ? WriteAsync(connection, type, data, typeInfo, cancellationToken)
            : throw new TapbackNotConnectedException(type);

    private async Task WriteAsync<T>(Connection connection, string type, T data, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var bytes = FrameCodec.Serialize(type, data, typeInfo);
        try
        {
            await WriteBytesAsync(connection, bytes, cancellationToken);
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            throw new TapbackNotConnectedException(type);
        }
    }

    private async Task WriteBytesAsync(Connection connection, byte[] bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await connection.Socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Acknowledges <paramref name="seq"/> on the connection that delivered it; on a gone one the event simply comes again.</summary>
    private async ValueTask AckAsync(Connection? connection, long seq, CancellationToken cancellationToken)
    {
        if (connection is not { IsOpen: true })
        {
            return;
        }

        try
        {
            await WriteBytesAsync(connection, FrameCodec.Serialize(FrameTypes.Ack, new AckData(seq), ClientJsonContext.Wire.AckData), cancellationToken);
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection died under the ack: the gateway delivers the event again and it is acked then.
        }
    }

    /// <summary>After <c>connected</c>: every send still without an outcome goes again (the gateway drops a repeat by its key).</summary>
    private async Task WritePendingSendsAsync(Connection connection, CancellationToken cancellationToken)
    {
        foreach (var pending in _pending.Values)
        {
            await WritePendingAsync(connection, pending, cancellationToken);
        }
    }

    private async Task WritePendingAsync(Connection connection, PendingSend pending, CancellationToken cancellationToken)
    {
        // Once per connection: SendAsync and the reconnect may both reach for the same send.
        if (Interlocked.Exchange(ref pending.WrittenOn, connection) == connection)
        {
            return;
        }

        try
        {
            await WriteBytesAsync(connection, pending.Frame, cancellationToken);
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Written again after the next connected.
        }
    }

    /// <summary>A send waiting for its outcome: its frame, and the connection it was last written on.</summary>
    private sealed class PendingSend(byte[] frame)
    {
#pragma warning disable CA1051 // Interlocked needs the field.
        public Connection? WrittenOn;
#pragma warning restore CA1051

        public byte[] Frame { get; } = frame;
    }
}
