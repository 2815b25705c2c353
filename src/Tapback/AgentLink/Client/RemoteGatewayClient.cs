using System.Net;
using Microsoft.Extensions.Options;
using Tapback.Client;

namespace Tapback.AgentLink.Client;

/// <summary>
/// Keeps this agent connected to the remote gateway through Tapback.Client's agent client (acked
/// delivery, full-jitter backoff on the injected clock, never again after <c>4000</c>): each event is
/// stored in the local inbox before the client acks it (<see cref="GatewayEventHandler"/>).
/// </summary>
internal sealed partial class RemoteGatewayClient(
    TapbackAgentClient client,
    GatewayEventHandler events,
    IOptions<RemoteGatewayOptions> options,
    ILogger<RemoteGatewayClient> logger) : BackgroundService
{
    /// <summary>True once the gateway closed with <c>4000</c>: this client will not connect again.</summary>
    public bool Replaced { get; private set; }

    /// <summary>How many connections the gateway answered with <c>connected</c>.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>How many backoff waits have started on the clock (each logged just before).</summary>
    public int Backoffs => Volatile.Read(ref _backoffs);

    private int _connections;
    private int _backoffs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A refused code throws out of here and stops the host with a message naming the key.
            await client.RunAsync(HandleAsync, stoppingToken);
        }
        catch (TapbackReplacedException)
        {
            Replaced = true;
            LogReplaced(logger);
        }
    }

    private Task HandleAsync(TapbackEvent received, CancellationToken cancellationToken)
    {
        switch (received)
        {
            case ConnectedEvent:
                Interlocked.Increment(ref _connections);
                LogConnected(logger, options.Value.Url!.Authority);
                break;
            case DisconnectedEvent disconnected:
                LogDisconnected(disconnected);
                LogReconnecting(logger, disconnected.RetryIn, disconnected.Attempt);
                // Told once the wait is on the clock, so whoever moves the clock next moves this wait too.
                Interlocked.Increment(ref _backoffs);
                return Task.CompletedTask;
        }

        return events.HandleAsync(received, cancellationToken);
    }

    private void LogDisconnected(DisconnectedEvent disconnected)
    {
        if (disconnected.HandlerFailed)
        {
            LogHandlingFailed(logger, disconnected.Exception!);
        }
        else if (disconnected.HttpStatusCode is HttpStatusCode.Unauthorized)
        {
            LogRefused(logger);
        }
        else if (disconnected.CloseStatus is { } status)
        {
            LogClosed(logger, (int)status, disconnected.CloseDescription);
        }
        else
        {
            LogDropped(logger, disconnected.Reason);
        }
    }
}
