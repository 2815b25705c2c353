using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Tapback.Gateway.Http;
using Tapback.Messaging.Handles;

namespace Tapback.Gateway.Pairing;

/// <summary><c>POST /auth/exchange</c>: a phone and its <c>/setup</c> code in, the integration token out.</summary>
internal static class PairingEndpoints
{
    public const string RateLimitPolicy = "pairing-exchange";

    /// <summary>Limits exchanges per client address, so codes cannot be guessed from many phones at once.</summary>
    public static void AddExchangeRateLimit(RateLimiterOptions limiter, PairingOptions options)
    {
        limiter.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.ExchangePermitLimit, Window = options.ExchangeWindow, QueueLimit = 0 }));
    }

    public static IEndpointRouteBuilder MapPairing(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/auth/exchange", ExchangeAsync).RequireRateLimiting(RateLimitPolicy).WithSignInBodyLimit().WithTags("Pairing")
            .WithSummary("Exchange the 6-digit code a phone got by texting /setup for the integration's token (shown once).")
            .AcceptsJson<ExchangeRequest>()
            .Produces<ExchangeResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<IResult> ExchangeAsync(HttpRequest request, PairingExchange exchange, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, PairingJsonContext.Wire.ExchangeRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        string? phone = null;
        if (string.IsNullOrWhiteSpace(body!.Phone) || !HandleNormalizer.TryNormalize(body.Phone, out phone) || !phone.StartsWith('+'))
        {
            errors["phone"] = [$"'{body.Phone}' is not a phone number; send it in E.164, e.g. +15551234567."];
        }

        var code = body.Code?.Trim();
        if (code is null || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            errors["code"] = ["The code is the 6 digits the phone received after texting /setup."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var outcome = await exchange.ExchangeAsync(phone!, code!, cancellationToken);
        return outcome.Result switch
        {
            PairingResult.Paired => TypedResults.Json(
                new ExchangeResponse(outcome.Token!, outcome.IntegrationId!, phone!, outcome.Transport!), PairingJsonContext.Wire.ExchangeResponse),
            PairingResult.Exhausted => TypedResults.Problem(
                detail: "Too many wrong codes: this code no longer works. Text /setup to the gateway's number for a new one.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many attempts."),
            _ => TypedResults.Problem(
                detail: "The code is wrong, already used, or expired. Codes last 15 minutes; text /setup for a new one.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "The code does not pair this phone."),
        };
    }

    /// <summary>The 429 a caller gets from the rate limiter, as problem+json with Retry-After.</summary>
    public static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await TypedResults.Problem(
            detail: "Too many requests from this address; wait and try again.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests.").ExecuteAsync(context.HttpContext);
    }
}
