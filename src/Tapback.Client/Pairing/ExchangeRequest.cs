namespace Tapback.Client;

/// <summary><c>POST /auth/exchange</c>.</summary>
internal sealed record ExchangeRequest(string Phone, string Code);
