using Microsoft.Extensions.Options;

namespace Tapback.Hosting.Network;

/// <summary>
/// Puts the forwarded-headers middleware first, ahead of the routing, authentication and authorization
/// that WebApplication adds before the app's own middleware: everything after it (rate limits, sign-in
/// throttling, the cookie's Secure flag, logs) sees the client, not the proxy. Without a declared proxy
/// it is not added at all: given empty lists, ASP.NET Core's middleware would believe every caller.
/// </summary>
internal sealed class ForwardedHeadersStartupFilter(IOptions<ForwardedHeadersSettings> settings) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (settings.Value.IsConfigured)
        {
            app.UseForwardedHeaders();
        }

        next(app);
    };
}
