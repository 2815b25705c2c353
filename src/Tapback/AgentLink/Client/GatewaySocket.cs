using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json.Serialization.Metadata;
using Tapback.AgentLink.Frames;
using Tapback.Messaging;

namespace Tapback.AgentLink.Client;

/// <summary>
/// The one live connection to the remote gateway, shared by the client that reads it and the
/// transport that writes actions to it; and the outcomes of sends, matched by <c>clientMessageId</c>.
/// </summary>
internal sealed class GatewaySocket : IDisposable
{
    // Outcomes are kept a while after they arrive: after a restart the gateway redelivers a
    // message.sent that may come before the outbox asks again for the same send.
    private const int RememberedOutcomes = 1024;

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<SendOutcome>> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SendOutcome> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _outcomeOrder = new();
    private WebSocket? _socket;

    public bool IsConnected => _socket is { State: WebSocketState.Open };

    public void Attach(WebSocket socket) => _socket = socket;

    public void Detach(WebSocket socket) => Interlocked.CompareExchange(ref _socket, null, socket);

    /// <summary>Writes one frame; a retryable <see cref="TransportException"/> when no connection is open.</summary>
    public async Task SendAsync<T>(string type, T data, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        var bytes = Frame.Serialize(type, data, typeInfo);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            var socket = _socket;
            if (socket is not { State: WebSocketState.Open })
            {
                throw new TransportException("Not connected to the remote gateway; the action is retried after the reconnect.", retryable: true);
            }

            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch (WebSocketException exception)
        {
            throw new TransportException($"The connection to the remote gateway failed while sending: {exception.Message}", retryable: true, exception);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>A task that completes when the gateway reports the send keyed <paramref name="clientMessageId"/>.</summary>
    public Task<SendOutcome> WaitForOutcomeAsync(string clientMessageId)
    {
        var waiter = _waiting.GetOrAdd(clientMessageId, _ => new TaskCompletionSource<SendOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_outcomes.TryGetValue(clientMessageId, out var known))
        {
            waiter.TrySetResult(known);
        }

        return waiter.Task;
    }

    public void StopWaiting(string clientMessageId) => _waiting.TryRemove(clientMessageId, out _);

    public void Report(string clientMessageId, SendOutcome outcome)
    {
        if (_outcomes.TryAdd(clientMessageId, outcome))
        {
            _outcomeOrder.Enqueue(clientMessageId);
            while (_outcomeOrder.Count > RememberedOutcomes && _outcomeOrder.TryDequeue(out var oldest))
            {
                _outcomes.TryRemove(oldest, out _);
            }
        }

        if (_waiting.TryGetValue(clientMessageId, out var waiter))
        {
            waiter.TrySetResult(outcome);
        }
    }

    public void Dispose() => _sendLock.Dispose();
}
