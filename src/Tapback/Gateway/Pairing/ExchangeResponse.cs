namespace Tapback.Gateway.Pairing;

/// <summary>The answer to a good code: the token, shown this once, and the phone it pairs (its handle on its transport).</summary>
internal sealed record ExchangeResponse(string Token, string IntegrationId, string Phone, string Transport);
