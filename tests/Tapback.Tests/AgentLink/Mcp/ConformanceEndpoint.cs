using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Tapback.Tests.AgentLink.Mcp;

/// <summary>
/// The endpoint set up for the conformance runner, which speaks to a server with no credential:
/// <c>/conformance/mcp</c> is Tapback's own <c>/mcp</c> with an integration's token attached. Host
/// and Origin pass through untouched, so the DNS rebinding check still sees what the runner sent.
/// </summary>
internal sealed class ConformanceEndpoint : IStartupFilter
{
    public const string Path = "/conformance/mcp";

    public string? Token { get; set; }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Path.Equals(Path, StringComparison.Ordinal) && Token is not null)
            {
                context.Request.Path = "/mcp";
                context.Request.Headers.Authorization = $"Bearer {Token}";
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
