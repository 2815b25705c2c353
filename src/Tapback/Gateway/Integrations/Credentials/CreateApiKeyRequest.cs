namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>The body of <c>POST /api/admin/integrations/{id}/api-keys</c>: a name to tell the key apart by.</summary>
internal sealed record CreateApiKeyRequest(string? Name);
