namespace Tapback.Client;

/// <summary>A paired phone: the token (shown only this once) and what it pairs.</summary>
public sealed record PairingResult
{
    /// <summary>The integration's token (<c>tbk_…</c>): connect and call the REST API with it.</summary>
    public required string Token { get; init; }

    /// <summary>The integration's id.</summary>
    public string? IntegrationId { get; init; }

    /// <summary>The paired phone, E.164.</summary>
    public string? Phone { get; init; }

    /// <summary>The transport whose <c>/setup</c> asked for the code.</summary>
    public string? Transport { get; init; }
}
