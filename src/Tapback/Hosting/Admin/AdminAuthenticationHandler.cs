using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Gateway.Pairing;

namespace Tapback.Hosting.Admin;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;admin token&gt;</c> through <see cref="AdminTokenGuard"/>
/// (hash compared in constant time, wrong tokens limited per client).
/// </summary>
internal sealed class AdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AdminTokenGuard guard)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var verdict = guard.Verify(Context, header["Bearer ".Length..]);
        switch (verdict.Result)
        {
            case AdminTokenResult.Valid:
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], AdminAuthorization.Scheme);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AdminAuthorization.Scheme)));
            case AdminTokenResult.Locked:
                return Task.FromResult(AuthenticateResult.Fail("Too many wrong admin tokens from this client."));
            default:
                return Task.FromResult(AuthenticateResult.Fail("The admin token is not valid."));
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (AdminTokenGuard.LockedOutFor(Context) is { } wait)
        {
            return AdminTokenGuard.TooManyAttempts(Response, wait).ExecuteAsync(Context);
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"tapback-admin\"";
        const string Takes = "Send the admin token as 'Authorization: Bearer <token>' (Tapback:Admin:Token, or the one printed in the log at first start).";
        return TypedResults.Problem(
            detail: IntegrationCredentials.BearerToken(Request) is { } presented && presented.StartsWith(PairingExchange.TokenPrefix, StringComparison.Ordinal)
                ? $"This is an integration's credential ({PairingExchange.TokenPrefix}…): it opens /v2, /mcp and the agent WebSocket, not /api/admin. {Takes}"
                : Takes,
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Admin authentication required.").ExecuteAsync(Context);
    }
}
