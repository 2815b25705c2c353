using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Http;

/// <summary>
/// The one place that gives every endpoint its body limit: the endpoint's <see cref="BodyLimit"/>, or
/// <c>Tapback:Http:MaxJsonBodyBytes</c>. A body that announces more is refused 413 before a byte of
/// it is read; one that turns out larger while streaming (chunked) is cut off by Kestrel at the limit
/// and answered 413 by <see cref="BadRequestExceptionHandler"/>. Memory per request stays bounded by
/// the limit, whatever a client sends.
/// </summary>
internal static class BodyLimits
{
    /// <summary>The endpoint takes at most <paramref name="bytes"/> bytes of body.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithBodyLimit(_ => bytes);

    /// <summary>The endpoint takes at most what <paramref name="bytes"/> reads from the services (a setting).</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, Func<IServiceProvider, long> bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    /// <summary>The sign-in endpoints' small limit (<c>Tapback:Http:MaxSignInBodyBytes</c>).</summary>
    public static TBuilder WithSignInBodyLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithBodyLimit(services => services.GetRequiredService<IOptions<HttpLimitsOptions>>().Value.MaxSignInBodyBytes);

    public static IServiceCollection AddTapbackHttpLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpLimitsOptions>().Bind(configuration.GetSection(HttpLimitsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpLimitsOptions>, HttpLimitsOptionsValidator>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpLimitsOptions>>((kestrel, options) =>
        {
            var limits = options.Value;
            // Every request gets its endpoint's limit from the middleware below; Kestrel's own default
            // (30 MB) would only apply where that did not run, so the small JSON limit stands there instead.
            kestrel.Limits.MaxRequestBodySize = limits.MaxJsonBodyBytes;
            kestrel.Limits.MinRequestBodyDataRate = limits.MinBodyDataRate > 0
                ? new MinDataRate(limits.MinBodyDataRate, limits.MinBodyDataRateGracePeriod)
                : null;
        });
        return services;
    }

    /// <summary>Sets each request's body limit from its endpoint, and refuses an announced body over it at once.</summary>
    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<HttpLimitsOptions>>();
        return app.Use(async (context, next) =>
        {
            // An upgraded connection (the agent WebSocket) has no request body; its frames have their own limit.
            if (context.WebSockets.IsWebSocketRequest)
            {
                await next(context);
                return;
            }

            var limit = LimitOf(context, options.Value);
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            if (context.Request.ContentLength > limit)
            {
                // The body is never read, so the connection cannot carry another request: say so, or a client
                // would send its next request on a connection Kestrel is about to close.
                context.Response.Headers.Connection = "close";
                await TooLarge(limit).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }

    /// <summary>The 413 every surface answers, naming the limit.</summary>
    public static IResult TooLarge(long? limit) => TypedResults.Problem(
        detail: TooLargeDetail(limit), statusCode: StatusCodes.Status413PayloadTooLarge, title: TooLargeTitle);

    public const string TooLargeTitle = "The request is too large.";

    public static string TooLargeDetail(long? limit) => limit is { } bytes
        ? $"The body is larger than the {bytes.ToString(CultureInfo.InvariantCulture)} bytes this endpoint takes."
        : "The body is larger than this endpoint takes.";

    private static long LimitOf(HttpContext context, HttpLimitsOptions options) =>
        context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>() is { } limit
            ? limit.Bytes(context.RequestServices)
            : options.MaxJsonBodyBytes;
}
