namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>A live API key that a presented credential matched.</summary>
internal sealed record ApiKeyMatch(string Id, string IntegrationId);
