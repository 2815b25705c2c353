using System.Net.WebSockets;
using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations;

namespace Tapback.Hosting;

/// <summary>
/// What a stop (SIGTERM, Ctrl+C) does to the connections that never end by themselves: every agent
/// WebSocket is closed with 1001 ("going away": reconnect later) and every server-sent event stream
/// ends (endpoints marked <see cref="EventStreams.EndsWhenTapbackStops{TBuilder}"/>). Without this,
/// Kestrel waited its whole shutdown timeout for them and the process died with a cancelled stop.
/// Work in flight is left in the store for the next start.
/// </summary>
internal static class GracefulShutdown
{
    public const string GoingAwayReason = "Tapback is shutting down; reconnect later.";

    public static WebApplication UseGracefulShutdown(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        var connections = app.Services.GetRequiredService<IntegrationConnections>();
        stopping.Register(() => connections.CloseAll((int)WebSocketCloseStatus.EndpointUnavailable, GoingAwayReason));
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<EndsWhenTapbackStopsMetadata>() is null)
            {
                await next(context);
                return;
            }

            // A stream's handler takes RequestAborted: cancelled at the stop, it stops writing, and the
            // response then ends with its last chunk (a cancellation left to Kestrel resets the connection).
            var clientAborted = context.RequestAborted;
            using var endsOnStop = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, stopping);
            context.RequestAborted = endsOnStop.Token;
            try
            {
                await next(context);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !clientAborted.IsCancellationRequested)
            {
            }
            finally
            {
                // The linked source is disposed with this scope; what runs after sees the client's own token.
                context.RequestAborted = clientAborted;
            }
        });
        return app;
    }
}
