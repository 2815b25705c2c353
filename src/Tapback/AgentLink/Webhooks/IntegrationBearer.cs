using Dapper;
using Tapback.Gateway.Pairing;
using Tapback.Storage;

namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// Finds the integration an <c>Authorization: Bearer</c> token belongs to. Tokens carry 256 random
/// bits and are stored as SHA-256, so the hash itself is the lookup key.
/// </summary>
internal sealed class IntegrationBearer(Database database)
{
    /// <summary>The integration id, or null when the header is missing or the token is not live.</summary>
    public async Task<string?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT id FROM integrations WHERE token_hash = @hash AND status <> 'deleted' AND token_hash <> ''",
            new { hash = Secrets.Hash(token) },
            cancellationToken: cancellationToken));
    }

    public static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            detail: "Send the integration token as 'Authorization: Bearer <token>' (from POST /auth/exchange); this one is missing, wrong or revoked.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Not authorized.");
    }
}
