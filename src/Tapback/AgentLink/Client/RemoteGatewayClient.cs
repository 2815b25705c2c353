using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using Tapback.AgentLink.Frames;
using Tapback.Messaging;

namespace Tapback.AgentLink.Client;

/// <summary>
/// Keeps this agent connected to the remote gateway: connects with the token, asks for acked
/// delivery, stores each event in the local inbox before acking it, and reconnects with full-jitter
/// backoff, except after <c>4000</c> (another connection replaced this one).
/// </summary>
internal sealed partial class RemoteGatewayClient(
    GatewaySocket gatewaySocket,
    GatewayTokenStore tokens,
    GatewayEventHandler events,
    IOptions<RemoteGatewayOptions> options,
    TimeProvider time,
    IJitter jitter,
    ILogger<RemoteGatewayClient> logger) : BackgroundService
{
    public const int ReplacedCloseStatus = 4000;

    private const int MaxFrameBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>True once the gateway closed with <c>4000</c>: this client will not connect again.</summary>
    public bool Replaced { get; private set; }

    /// <summary>How many connections the gateway answered with <c>connected</c>.</summary>
    public int Connections => _connections;

    /// <summary>How many backoff waits have started on the clock (each logged just before).</summary>
    public int Backoffs => Volatile.Read(ref _backoffs);

    private int _connections;
    private int _backoffs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? token = null;
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            ConnectionOutcome outcome;
            try
            {
                // A refused code throws and stops the host with a message naming the key; a gateway
                // that is not up yet is only a reason to try again.
                token ??= await tokens.GetAsync(stoppingToken);
                outcome = await ConnectOnceAsync(token, stoppingToken);
            }
            catch (HttpRequestException exception)
            {
                LogDropped(logger, exception.Message);
                outcome = ConnectionOutcome.Failed;
            }

            if (outcome == ConnectionOutcome.Replaced)
            {
                Replaced = true;
                LogReplaced(logger);
                return;
            }

            if (outcome == ConnectionOutcome.Connected)
            {
                attempt = 0;
            }

            var delay = ReconnectBackoff.Delay(attempt, jitter);
            LogReconnecting(logger, delay, attempt + 1);
            attempt++;
            try
            {
                var waiting = Task.Delay(delay, time, stoppingToken);
                // Counted once the wait is on the clock, so whoever moves the clock next moves this wait too.
                Interlocked.Increment(ref _backoffs);
                await waiting;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<ConnectionOutcome> ConnectOnceAsync(string token, CancellationToken stoppingToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        var connected = false;
        try
        {
            // A gateway behind a black hole must not hold the loop forever.
            using (var connectTimeout = new CancellationTokenSource(ConnectTimeout, time))
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, connectTimeout.Token))
            {
                await socket.ConnectAsync(SocketUri(), connecting.Token);
            }

            gatewaySocket.Attach(socket);
            await gatewaySocket.SendAsync(FrameTypes.Ready, new ReadyData { Acks = true }, AgentLinkJsonContext.Wire.ReadyData, stoppingToken);
            await foreach (var frame in ReadFramesAsync(socket, stoppingToken))
            {
                if (frame.Type == FrameTypes.Connected && !connected)
                {
                    connected = true;
                    Interlocked.Increment(ref _connections);
                    LogConnected(logger, options.Value.Url!.Authority);
                }

                await events.HandleAsync(frame, stoppingToken);
            }

            if (socket.CloseStatus is { } status && (int)status == ReplacedCloseStatus)
            {
                return ConnectionOutcome.Replaced;
            }

            LogClosed(logger, (int?)socket.CloseStatus, socket.CloseStatusDescription);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await CloseQuietlyAsync(socket);
        }
        catch (OperationCanceledException)
        {
            LogDropped(logger, $"no answer within {ConnectTimeout}");
        }
        catch (WebSocketException exception) when (socket.HttpStatusCode is HttpStatusCode.Unauthorized)
        {
            LogRefused(logger, exception);
        }
        catch (Exception exception) when (exception is WebSocketException or HttpRequestException or TransportException or IOException)
        {
            LogDropped(logger, exception.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An event the local store could not take stays unacked: the gateway sends it again after the reconnect.
            LogHandlingFailed(logger, exception);
        }
        finally
        {
            gatewaySocket.Detach(socket);
        }

        return connected ? ConnectionOutcome.Connected : ConnectionOutcome.Failed;
    }

    private Uri SocketUri()
    {
        var url = options.Value.Url!;
        var builder = new UriBuilder(url) { Scheme = url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
        builder.Path = builder.Path.TrimEnd('/') + "/ws/" + Uri.EscapeDataString(options.Value.Phone!.Trim());
        return builder.Uri;
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        if (socket.State != WebSocketState.Open)
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

    private enum ConnectionOutcome
    {
        Failed,
        Connected,
        Replaced,
    }
}
