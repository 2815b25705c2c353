using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Tapback.Client;

/// <summary>
/// An agent on Tapback's WebSocket (docs/protocol.md): connects with the integration's token, asks
/// for acknowledged delivery, hands over each event and acknowledges it only once your code took it,
/// and reconnects with capped, full-jitter backoff (never after <c>4000</c>). Sends carry a
/// <c>clientMessageId</c> and are written again after a reconnect until their outcome comes, so a
/// send is neither lost nor doubled.
/// </summary>
/// <example>
/// <code>
/// await using var agent = new TapbackAgentClient(new() { Gateway = new("http://localhost:5000"), Phone = "+15551234567", Token = token });
/// await foreach (var e in agent.EventsAsync(cancellationToken))
///     if (e is MessageReceivedEvent message) await agent.ReplyAsync(message, $"echo: {message.Text}", cancellationToken: cancellationToken);
/// </code>
/// </example>
public sealed partial class TapbackAgentClient : IAsyncDisposable
{
    private readonly TapbackAgentOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<double> _jitter;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly CancellationTokenSource _disposing = new();
    private readonly HandledEvents _handled = new();
    private int _running;

    /// <summary>Creates the client; it connects when <see cref="EventsAsync"/> or <see cref="RunAsync"/> starts.</summary>
    public TapbackAgentClient(TapbackAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = options.TimeProvider;
        _jitter = options.Jitter ?? Random.Shared.NextDouble;
        _ownsHttp = options.HttpClient is null;
        _http = options.HttpClient ?? new HttpClient();
    }

    /// <summary>True while a connection is open and the gateway has answered <c>ready</c>.</summary>
    public bool IsConnected => _connection is { IsConnected: true };

    /// <summary>
    /// The events, in the gateway's order, until <paramref name="cancellationToken"/> is cancelled. Each
    /// event is acknowledged when you ask for the next one; one your loop throws or breaks on is not,
    /// and the gateway delivers it again after the next connection. A redelivered event you already
    /// took is acknowledged without being handed over again. Ends with
    /// <see cref="TapbackReplacedException"/> when the gateway closes with <c>4000</c>.
    /// </summary>
    public async IAsyncEnumerable<TapbackEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var delivery in DeliveriesAsync(cancellationToken))
        {
            if (await SkipAsync(delivery, cancellationToken))
            {
                continue;
            }

            yield return delivery.Event;
            await TookAsync(delivery, cancellationToken);
        }
    }

    /// <summary>
    /// Calls <paramref name="handler"/> for each event, in order, and acknowledges it once the handler
    /// returned. When the handler throws, the event is not acknowledged: the connection is dropped and
    /// the event comes again after the reconnect (a <see cref="DisconnectedEvent"/> carrying the
    /// exception comes first). Returns when <paramref name="cancellationToken"/> is cancelled; throws
    /// <see cref="TapbackReplacedException"/> after a <c>4000</c>.
    /// </summary>
    public async Task RunAsync(Func<TapbackEvent, CancellationToken, Task> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        try
        {
            await foreach (var delivery in DeliveriesAsync(cancellationToken))
            {
                if (await SkipAsync(delivery, cancellationToken))
                {
                    continue;
                }

                try
                {
                    await handler(delivery.Event, cancellationToken);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested && delivery.Connection is not null)
                {
                    // Acks are cumulative: nothing after this event may be acked on this connection either.
                    delivery.Connection.Fail(exception);
                    continue;
                }

                await TookAsync(delivery, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops the connection; events not yet acknowledged come again to the next client.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }

        await _disposing.CancelAsync();
        if (_loop is { } loop)
        {
            // How the loop ended was for the reader of the events to see; disposing only waits for it.
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _disposing.Dispose();
        _writeLock.Dispose();
        _uploadLock.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async IAsyncEnumerable<Delivery> DeliveriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("This client is already running: read its events in one place (one EventsAsync or RunAsync at a time).");
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        var deliveries = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _loop = ConnectionLoopAsync(deliveries.Writer, stopping.Token);
        try
        {
            await foreach (var delivery in deliveries.Reader.ReadAllAsync(stopping.Token))
            {
                yield return delivery;
            }

            // The loop ended by itself: after a 4000, or with the token provider's error.
            await _loop;
        }
        finally
        {
            await stopping.CancelAsync();

            // Already thrown to the caller above when it ended on its own; here it only has to have stopped.
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>True (after acking it again) for an event the caller already took, and for the rest of a connection whose handler failed.</summary>
    private async ValueTask<bool> SkipAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Connection is { Failed: true })
        {
            return true;
        }

        if (delivery.Event.Seq is { } seq && _handled.Contains(seq))
        {
            await AckAsync(delivery.Connection, seq, cancellationToken);
            return true;
        }

        return false;
    }

    private async ValueTask TookAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Event.Seq is { } seq)
        {
            _handled.Add(seq);
            await AckAsync(delivery.Connection, seq, cancellationToken);
        }
    }

    /// <summary>An event and the connection that delivered it (null for the client's own events).</summary>
    private sealed record Delivery(TapbackEvent Event, Connection? Connection);
}
