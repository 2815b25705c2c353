namespace Tapback.Gateway.Pairing;

/// <summary>The answer to a good code: the token, shown this once.</summary>
internal sealed record ExchangeResponse(string Token, string IntegrationId, string Phone);
