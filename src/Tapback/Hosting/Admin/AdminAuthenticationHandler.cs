using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Pairing;

namespace Tapback.Hosting.Admin;

/// <summary>Authenticates <c>Authorization: Bearer &lt;admin token&gt;</c>, compared by hash in constant time.</summary>
internal sealed class AdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AdminCredential credential)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var expected = credential.TokenHash;
        if (expected is null || !Secrets.Matches(header["Bearer ".Length..].Trim(), expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("The admin token is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], AdminAuthorization.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AdminAuthorization.Scheme)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"tapback-admin\"";
        return TypedResults.Problem(
            detail: "Send the admin token as 'Authorization: Bearer <token>' (Tapback:Admin:Token, or the one printed in the log at first start).",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Admin authentication required.").ExecuteAsync(Context);
    }
}
