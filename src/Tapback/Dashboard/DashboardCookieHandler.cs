using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tapback.Hosting.Admin;

namespace Tapback.Dashboard;

/// <summary>
/// Authenticates the dashboard's sign-in cookie. A state-changing request from another origin is
/// not authenticated by it at all, so no endpoint behind the admin policy can be driven cross-site.
/// </summary>
internal sealed class DashboardCookieHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AdminCredential credential,
    DashboardSessionKey key,
    SameOrigin sameOrigin,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(DashboardCookie.Name, out var value))
        {
            return AuthenticateResult.NoResult();
        }

        if (credential.TokenHash is not { } tokenHash
            || !DashboardSessionTicket.IsValid(value, await key.GetAsync(Context.RequestAborted), tokenHash, time.GetUtcNow()))
        {
            return AuthenticateResult.Fail("The dashboard sign-in has expired or is not valid.");
        }

        if (!sameOrigin.Allows(Request))
        {
            return AuthenticateResult.Fail("A state-changing request from another origin does not carry the dashboard sign-in.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], DashboardCookie.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), DashboardCookie.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The admin policy challenges the Bearer scheme first, which already wrote its 401 problem.
        if (!Response.HasStarted)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
        }

        return Task.CompletedTask;
    }
}
