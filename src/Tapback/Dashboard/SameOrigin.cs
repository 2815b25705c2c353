using Microsoft.Extensions.Options;

namespace Tapback.Dashboard;

/// <summary>
/// The dashboard's defence against cross-site requests, beside its SameSite=Strict cookie: a
/// state-changing request counts as the dashboard's only when the browser says it came from this
/// origin (<c>Origin</c>, or <c>Sec-Fetch-Site: same-origin</c> when a browser sends no Origin).
/// </summary>
internal sealed class SameOrigin(IOptions<DashboardOptions> options)
{
    public static bool IsSafeMethod(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    public bool Allows(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsSafeMethod(request.Method))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return request.Headers["Sec-Fetch-Site"].ToString() == "same-origin";
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var parsed))
        {
            return false;
        }

        // The scheme is not compared: behind a TLS-terminating proxy the browser says https and Kestrel sees http.
        return string.Equals(parsed.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || options.Value.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }
}
