using Microsoft.Extensions.Options;

namespace Tapback.AgentLink.Mcp;

/// <summary>
/// DNS rebinding protection for <c>/mcp</c>: a web page whose name an attacker points at 127.0.0.1
/// reaches Tapback with its own name in Host and Origin, so only loopback names and the configured
/// <see cref="McpOptions.AllowedHosts"/> are let through.
/// </summary>
internal sealed class McpHostGuard(IOptions<McpOptions> options)
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]", "::1"];

    /// <summary>Middleware on <c>/mcp</c>: 403 problem+json naming the setting to change, or on to the endpoint.</summary>
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (Refusal(context.Request) is { } refusal)
        {
            await TypedResults.Problem(detail: refusal, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.").ExecuteAsync(context);
            return;
        }

        await next();
    }

    /// <summary>Null when the request may go on; otherwise the sentence that says what to change.</summary>
    public string? Refusal(HttpRequest request)
    {
        var host = request.Host.Host;
        if (!Allowed(host))
        {
            return $"Host '{host}' is not allowed for /mcp; add it to {McpOptions.SectionName}:AllowedHosts if Tapback is reached by that name.";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            // Desktop and command-line MCP clients send no Origin; only browsers do.
            return null;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && Allowed(uri.Host)
            ? null
            : $"Origin '{origin}' is not allowed for /mcp; add its host to {McpOptions.SectionName}:AllowedHosts if a page there should reach Tapback.";
    }

    private bool Allowed(string host) =>
        LoopbackHosts.Contains(host, StringComparer.OrdinalIgnoreCase)
        || options.Value.AllowedHosts.Any(allowed => allowed == "*" || string.Equals(allowed, host, StringComparison.OrdinalIgnoreCase));
}
