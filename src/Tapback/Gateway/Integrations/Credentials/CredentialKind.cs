namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>Which credential a caller presented for its integration.</summary>
internal enum CredentialKind
{
    /// <summary>The token pairing gave (<c>POST /auth/exchange</c>); one per integration, replaced by a new pairing.</summary>
    IntegrationToken,

    /// <summary>An operator-made API key (<c>POST /api/admin/integrations/{id}/api-keys</c>); several per integration, each revocable.</summary>
    ApiKey,
}
