using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Http;

/// <summary>
/// Kestrel refuses a request while the endpoint reads it (a body over its limit, a body that arrives
/// too slowly, a malformed chunk) by throwing <see cref="BadHttpRequestException"/> from the read. It is
/// the client's request that is wrong, so it gets the exception's own status (413, 408, 400) as
/// problem+json on every surface at once, instead of the 500 an unhandled exception would be.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems, IOptions<HttpLimitsOptions> options) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Find(exception) is not { } refused)
        {
            return false;
        }

        var status = refused.StatusCode;
        var limits = options.Value;
        var (title, detail) = status switch
        {
            StatusCodes.Status413PayloadTooLarge => (BodyLimits.TooLargeTitle, BodyLimits.TooLargeDetail(httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize)),
            StatusCodes.Status408RequestTimeout => ("The request timed out.",
                $"The body arrived too slowly (under {limits.MinBodyDataRate.ToString(CultureInfo.InvariantCulture)} bytes a second after the first {limits.MinBodyDataRateGracePeriod.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds); send it again in one go."),
            _ => ("The request is not valid.", "The request is not valid HTTP (its body or framing is malformed)."),
        };
        httpContext.Response.StatusCode = status;
        // What is left of the body is not read: the connection ends with this answer.
        httpContext.Response.Headers.Connection = "close";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static BadHttpRequestException? Find(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
