using Dapper;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Pairing;
using Tapback.Storage;

namespace Tapback.AgentLink.Rest;

/// <summary>
/// Every <c>/v2</c> call carries an integration token as <c>Authorization: Bearer</c>. Tokens hold 256
/// random bits and are stored as SHA-256, so the token alone finds its integration: no phone in the URL.
/// </summary>
internal sealed class RestAuthFilter(Database database, IntegrationStore integrations) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = BearerToken(http.Request);
        var integration = token is null ? null : await AuthenticateAsync(token, http.RequestAborted);
        if (integration is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return RestProblems.Unauthorized(token is null
                ? "Send the integration token as 'Authorization: Bearer <token>' (from POST /auth/exchange)."
                : "The token is not a live integration token: it is wrong, or it was revoked by a new pairing or a delete.");
        }

        RestCaller.Set(http, integration);
        return await next(context);
    }

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header["Bearer ".Length..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }

    private async Task<Integration?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT id FROM integrations WHERE token_hash = @hash AND status <> 'deleted'",
            new { hash = Secrets.Hash(token) },
            cancellationToken: cancellationToken));
        return id is null ? null : await integrations.FindAsync(id, cancellationToken);
    }
}
