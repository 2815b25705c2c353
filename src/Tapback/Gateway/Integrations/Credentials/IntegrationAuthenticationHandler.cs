using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>
/// <see cref="IntegrationCredentials"/> as an authentication scheme, so any endpoint (a minimal API, a
/// group, the MCP server's) can require it with <c>RequireIntegrationCredential()</c>.
/// </summary>
internal sealed class IntegrationAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IntegrationCredentials credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string PhoneClaim = "tapback:phone";
    public const string CredentialKindClaim = "tapback:credential";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (IntegrationCredentials.BearerToken(Request) is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (await credentials.AuthenticateAsync(Context) is not { } principal)
        {
            return AuthenticateResult.Fail("The credential is not a live integration token or API key.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, principal.IntegrationId),
                new Claim(PhoneClaim, principal.Phone),
                new Claim(CredentialKindClaim, principal.Kind.ToString()),
            ],
            IntegrationCredentials.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), IntegrationCredentials.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        IntegrationCredentials.Unauthorized(Context).ExecuteAsync(Context);
}
