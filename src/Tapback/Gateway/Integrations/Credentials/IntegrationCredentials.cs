using Dapper;
using Tapback.Gateway.Pairing;
using Tapback.Storage;

namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>
/// The one credential check of every agent-facing surface (REST, webhook management, the agent
/// WebSocket, MCP): an <c>Authorization: Bearer</c> that is the integration's token or one of its
/// API keys. Both hold 256 random bits and are stored only as SHA-256; the stored hash is compared in
/// constant time.
/// </summary>
internal sealed class IntegrationCredentials(Database database, IntegrationStore integrations, ApiKeyStore apiKeys)
{
    /// <summary>The authentication scheme (<see cref="IntegrationAuthenticationHandler"/>).</summary>
    public const string Scheme = "TapbackIntegration";

    /// <summary>The authorization policy <c>RequireIntegrationCredential()</c> applies.</summary>
    public const string Policy = "TapbackIntegration";

    /// <summary>Why a session ended when its integration did (the close reason of its WebSocket).</summary>
    public const string IntegrationEnded = "the integration was deleted or its phone was paired again";

    /// <summary>The live integration the request's Bearer credential belongs to, or null (missing, wrong, revoked, deleted).</summary>
    public async Task<IntegrationPrincipal?> AuthenticateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IntegrationPrincipal.Find(context) is { } known)
        {
            return known;
        }

        var token = BearerToken(context.Request);
        if (token is null)
        {
            return null;
        }

        var principal = await AuthenticateAsync(token, context.RequestAborted);
        if (principal is not null)
        {
            IntegrationPrincipal.Set(context, principal);
        }

        return principal;
    }

    /// <summary>The live integration <paramref name="credential"/> (a token or an API key) belongs to, or null.</summary>
    public async Task<IntegrationPrincipal?> AuthenticateAsync(string credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (credential.StartsWith(ApiKeyStore.KeyPrefix, StringComparison.Ordinal)
            && await apiKeys.AuthenticateAsync(credential, cancellationToken) is { } key
            && await integrations.FindAsync(key.IntegrationId, cancellationToken) is { } keyed)
        {
            return new IntegrationPrincipal { Integration = keyed, Kind = CredentialKind.ApiKey, ApiKeyId = key.Id };
        }

        // A pairing token is found by its hash (the hash is the index key), then compared again in constant time.
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Id, string TokenHash)?>(new CommandDefinition(
            $"SELECT id, token_hash FROM integrations WHERE token_hash = @hash AND status <> '{IntegrationStatuses.Deleted}' AND token_hash <> ''",
            new { hash = Secrets.Hash(credential) },
            cancellationToken: cancellationToken));
        if (row is not { } found || !Secrets.Matches(credential, found.TokenHash))
        {
            return null;
        }

        return await integrations.FindAsync(found.Id, cancellationToken) is { } integration
            ? new IntegrationPrincipal { Integration = integration, Kind = CredentialKind.IntegrationToken }
            : null;
    }

    /// <summary>
    /// Why the credential that let <paramref name="principal"/> in no longer works, or null while it does.
    /// An integration token lives exactly as long as its integration (only a delete or a new pairing of
    /// the phone clears it); an API key until it is revoked or its integration ends.
    /// </summary>
    public async Task<string?> RevocationOfAsync(IntegrationPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (await integrations.FindAsync(principal.IntegrationId, cancellationToken) is null)
        {
            return IntegrationEnded;
        }

        return principal is { Kind: CredentialKind.ApiKey, ApiKeyId: { } keyId } && !await apiKeys.IsLiveAsync(principal.IntegrationId, keyId, cancellationToken)
            ? "the API key was revoked"
            : null;
    }

    /// <summary>The credential of an <c>Authorization: Bearer</c> header, or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header["Bearer ".Length..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }

    /// <summary>The 401 problem+json every surface answers, with <c>WWW-Authenticate: Bearer</c>.</summary>
    public static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(detail: UnauthorizedDetail(context), statusCode: StatusCodes.Status401Unauthorized, title: "Not authorized.");
    }

    private static string UnauthorizedDetail(HttpContext context)
    {
        const string Takes = "send the integration token (tbk_…, from POST /auth/exchange) or an API key (tbk_key_…, from POST /api/admin/integrations/{id}/api-keys) as 'Authorization: Bearer <token>'.";
        if (BearerToken(context.Request) is not { } presented)
        {
            return "No credential: " + Takes;
        }

        if (presented.StartsWith(PairingExchange.TokenPrefix, StringComparison.Ordinal))
        {
            return "The credential is not a live integration token or API key: it is wrong, or it was revoked (a new pairing, a delete, or a revoked API key).";
        }

        return context.RequestServices.GetServices<ForeignCredential>().FirstOrDefault(foreign => presented.StartsWith(foreign.Prefix, StringComparison.Ordinal)) is { } known
            ? $"{known.Detail} This endpoint takes an integration's credential: {Takes}"
            : $"This is not an integration token or API key (those start with '{PairingExchange.TokenPrefix}'): {Takes}";
    }
}
