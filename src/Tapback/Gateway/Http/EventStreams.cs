namespace Tapback.Gateway.Http;

/// <summary>
/// Marks an endpoint whose response never ends by itself (server-sent events): when Tapback stops,
/// its request's cancellation fires and the stream ends cleanly, instead of holding the stop until
/// Kestrel's shutdown timeout (Hosting/GracefulShutdown does it for every marked endpoint).
/// </summary>
internal static class EventStreams
{
    public static TBuilder EndsWhenTapbackStops<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(EndsWhenTapbackStopsMetadata.Instance);
}
