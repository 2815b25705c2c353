namespace Tapback.Gateway.Pairing;

/// <summary>The body of <c>POST /auth/exchange</c>.</summary>
internal sealed record ExchangeRequest
{
    public string? Phone { get; init; }

    public string? Code { get; init; }
}
