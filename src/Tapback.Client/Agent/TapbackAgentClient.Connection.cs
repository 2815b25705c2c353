using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Tapback.Client;

public sealed partial class TapbackAgentClient
{
    /// <summary>Frames larger than this are refused: the gateway's own limit is far below.</summary>
    private const int MaxFrameBytes = 4 * 1024 * 1024;

    /// <summary>The gateway's "replaced or revoked" close code.</summary>
    private const int ReplacedCloseStatus = 4000;

    private Connection? _connection;
    private Task? _loop;

    /// <summary>Connects, reads, and reconnects after the backoff, until stopped or replaced.</summary>
    private async Task ConnectionLoopAsync(ChannelWriter<Delivery> deliveries, CancellationToken stopping)
    {
        await Task.Yield();
        var attempt = 0;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var ended = await ConnectOnceAsync(deliveries, stopping);
                if (ended.CloseStatus is { } status && (int)status == ReplacedCloseStatus)
                {
                    throw new TapbackReplacedException(ended.CloseDescription);
                }

                if (ended.WasConnected)
                {
                    attempt = 0;
                }

                var delay = Backoff.Delay(attempt, _options.ReconnectDelay, _options.MaxReconnectDelay, _jitter());
                attempt++;

                // On the clock before it is told: whoever moves a fake clock on the event moves this wait too.
                var waiting = Task.Delay(delay, _time, stopping);
                await deliveries.WriteAsync(new Delivery(ended with { Type = TapbackEventTypes.Disconnected, RetryIn = delay, Attempt = attempt }, null), stopping);
                await waiting;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            deliveries.TryComplete();
        }
    }

    private async Task<DisconnectedEvent> ConnectOnceAsync(ChannelWriter<Delivery> deliveries, CancellationToken stopping)
    {
        string token;
        try
        {
            token = _options.TokenProvider is { } provider ? await provider(stopping) : _options.Token!.Trim();
        }
        catch (HttpRequestException exception)
        {
            return new DisconnectedEvent { Reason = $"Could not get a token: {exception.Message}", Exception = exception };
        }

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        _options.ConfigureWebSocket?.Invoke(socket.Options);
        var connection = new Connection(socket);
        try
        {
            // A gateway behind a black hole must not hold the loop forever.
            using (var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time))
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token))
            {
                try
                {
                    await socket.ConnectAsync(_options.SocketUri(), connecting.Token);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
                {
                    return new DisconnectedEvent { Reason = $"The gateway did not answer within {_options.ConnectTimeout}." };
                }
            }

            _connection = connection;
            await WriteAsync(connection, FrameTypes.Ready, new ReadyData(Acks: true), ClientJsonContext.Wire.ReadyData, stopping);
            await ReadAsync(connection, deliveries, stopping);
            return new DisconnectedEvent
            {
                Reason = $"The gateway closed the connection ({(int?)socket.CloseStatus} {socket.CloseStatusDescription}).",
                CloseStatus = socket.CloseStatus,
                CloseDescription = socket.CloseStatusDescription,
                WasConnected = connection.WasConnected,
            };
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await CloseQuietlyAsync(socket);
            throw;
        }
        catch (Exception) when (connection.Failure is { } failure)
        {
            return new DisconnectedEvent
            {
                Reason = $"The handler failed: {failure.Message} The event was not acknowledged and comes again after the reconnect.",
                Exception = failure,
                HandlerFailed = true,
                WasConnected = connection.WasConnected,
            };
        }
        catch (Exception exception) when (exception is WebSocketException or HttpRequestException or IOException or OperationCanceledException)
        {
            var status = socket.HttpStatusCode is 0 or HttpStatusCode.SwitchingProtocols ? (HttpStatusCode?)null : socket.HttpStatusCode;
            return new DisconnectedEvent
            {
                Reason = status is HttpStatusCode.Unauthorized
                    ? "The gateway refused the token (401): pair again, or use the integration's current token or API key."
                    : $"The connection to the gateway failed: {exception.Message}",
                HttpStatusCode = status,
                Exception = exception,
                WasConnected = connection.WasConnected,
            };
        }
        finally
        {
            Interlocked.CompareExchange(ref _connection, null, connection);
        }
    }

    /// <summary>
    /// Reads frames until the gateway closes. Send outcomes and upload answers are settled here, at
    /// once, so a handler that awaits its own send is not waiting on itself; every event is then
    /// handed to the reader of the events, in order.
    /// </summary>
    private async Task ReadAsync(Connection connection, ChannelWriter<Delivery> deliveries, CancellationToken stopping)
    {
        var socket = connection.Socket;
        var chunk = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(chunk, stopping);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseQuietlyAsync(socket);
                    return;
                }

                if (message.Length + result.Count > MaxFrameBytes)
                {
                    throw new WebSocketException($"The gateway sent a frame over {MaxFrameBytes} bytes.");
                }

                message.Write(chunk, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (FrameCodec.Parse(message.GetBuffer().AsMemory(0, (int)message.Length)) is not { } frame)
            {
                continue;
            }

            if (frame.Type == FrameTypes.UploadAttachmentResponse)
            {
                AnswerUpload(frame);
                continue;
            }

            var received = EventReader.Read(frame);
            switch (received)
            {
                case ConnectedEvent:
                    connection.MarkConnected();
                    await WritePendingSendsAsync(connection, stopping);
                    break;
                case MessageSentEvent { ClientMessageId: { } key } sent:
                    _outcomes.Report(key, new SendOutcome(sent.ChatId, sent.MessageId, Error: null));
                    break;
                case MessageFailedEvent { ClientMessageId: { } key, Operation: null } failed:
                    _outcomes.Report(key, new SendOutcome(failed.ChatId, failed.MessageId, failed.Error));
                    break;
                case MessageHeldEvent { ClientMessageId: { } key } held:
                    _outcomes.Report(key, new SendOutcome(held.ChatId, held.MessageId, Error: null, HeldReason: held.Reason));
                    break;
                case ErrorEvent { RequestType: FrameTypes.SendMessage, ClientMessageId: { } key } refused:
                    _outcomes.Report(key, new SendOutcome(string.Empty, null, refused.Message, Refused: true));
                    break;
                case ErrorEvent { RequestType: FrameTypes.UploadAttachment } refused:
                    RefuseUpload(refused.Message);
                    break;
            }

            await deliveries.WriteAsync(new Delivery(received, connection), stopping);
        }
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "agent stopping", timeout.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // Stopping anyway; the gateway redelivers whatever was not acked.
        }
    }
}
