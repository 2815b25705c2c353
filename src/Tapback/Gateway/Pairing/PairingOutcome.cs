namespace Tapback.Gateway.Pairing;

/// <summary>What exchanging a code gave: a token (shown once), or why not.</summary>
internal sealed record PairingOutcome
{
    public required PairingResult Result { get; init; }

    public string? Token { get; init; }

    public string? IntegrationId { get; init; }
}
