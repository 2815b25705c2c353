namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>An API key as the admin API shows it; <see cref="Key"/> only in the answer that created it.</summary>
internal sealed record ApiKeyView
{
    public required string Id { get; init; }
    public required string IntegrationId { get; init; }
    public required string Name { get; init; }

    /// <summary>The key's first characters (<c>tbk_key_…</c>), enough to tell keys apart, never enough to use one.</summary>
    public required string Prefix { get; init; }

    /// <summary>The whole key: shown once, at creation; Tapback keeps only its hash.</summary>
    public string? Key { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
}
