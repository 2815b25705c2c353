using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Gateway.Pairing;

namespace Tapback.AgentLink.Rest;

/// <summary>
/// A fixed window of requests per token, on the injected clock (the token's hash is the partition, so no token sits in
/// memory in the clear); anonymous calls share one partition and are refused by the credential check anyway.
/// </summary>
internal sealed class RestRateLimitPolicy(IOptions<RestOptions> options, TimeProvider time) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = OnRejectedAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var token = IntegrationCredentials.BearerToken(httpContext.Request);
        var settings = options.Value;
        return RateLimitPartition.Get(
            token is null ? "anonymous" : Secrets.Hash(token),
            _ => new ClockedFixedWindowLimiter(settings.PermitLimit, settings.Window, time));
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await TypedResults.Problem(
            detail: "Too many requests with this token; wait for Retry-After seconds (Tapback:Rest:PermitLimit per Tapback:Rest:Window).",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests.").ExecuteAsync(context.HttpContext);
    }
}
