namespace Tapback.Gateway.Pairing;

/// <summary>What exchanging a code gave: a token (shown once), or why not.</summary>
internal sealed record PairingOutcome
{
    public required PairingResult Result { get; init; }

    public string? Token { get; init; }

    public string? IntegrationId { get; init; }

    /// <summary>The transport of the phone the code paired: the one whose <c>/setup</c> asked for it.</summary>
    public string? Transport { get; init; }
}
