using System.Security.Cryptography;
using Dapper;
using Tapback.Gateway.Pairing;
using Tapback.Storage;

namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>
/// API keys: <c>tbk_key_{lookup}_{secret}</c>, where the lookup is 48 random public bits that find the
/// row and the secret 256 random bits. Only the SHA-256 of the whole key is stored.
/// </summary>
internal sealed class ApiKeyStore(Database database, CredentialRevocations revocations, TimeProvider time)
{
    public const string KeyPrefix = "tbk_key_";

    /// <summary>How stale last_used_at may get: a busy key costs one write a minute, not one per request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const string Columns =
        "id AS Id, integration_id AS IntegrationId, name AS Name, lookup AS Lookup, created_at AS CreatedAt, last_used_at AS LastUsedAt";

    /// <summary>A new key for a live integration, with the key itself in <see cref="ApiKeyView.Key"/>; null when there is no such integration.</summary>
    public async Task<ApiKeyView?> CreateAsync(string integrationId, string name, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var lookup = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var key = Secrets.NewToken($"{KeyPrefix}{lookup}_");
        var id = Ids.New("key");
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO api_keys (id, integration_id, name, lookup, key_hash, created_at)
            SELECT @id, id, @name, @lookup, @hash, @now FROM integrations WHERE id = @integrationId AND status <> '{IntegrationStatuses.Deleted}'
            """,
            new { id, integrationId, name, lookup, hash = Secrets.Hash(key), now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return inserted == 0
            ? null
            : new ApiKeyView { Id = id, IntegrationId = integrationId, Name = name, Prefix = KeyPrefix + lookup, Key = key, CreatedAt = now };
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(string integrationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE integration_id = @integrationId ORDER BY created_at, id",
            new { integrationId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToView())];
    }

    /// <summary>
    /// Revokes one key at once: the next request with it is 401, and the sessions it opened (WebSockets,
    /// MCP calls in flight) are closed on every node. False when the integration has no such key.
    /// </summary>
    public async Task<bool> RevokeAsync(string integrationId, string keyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM api_keys WHERE id = @keyId AND integration_id = @integrationId",
            new { keyId, integrationId },
            cancellationToken: cancellationToken)) == 1;
        if (revoked)
        {
            revocations.Revoked(integrationId);
        }

        return revoked;
    }

    /// <summary>Whether the integration still has the key (it was not revoked).</summary>
    public async Task<bool> IsLiveAsync(string integrationId, string keyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM api_keys WHERE id = @keyId AND integration_id = @integrationId)",
            new { keyId, integrationId },
            cancellationToken: cancellationToken));
    }

    /// <summary>The key <paramref name="presented"/> is, or null; notes when it was last used.</summary>
    public async Task<ApiKeyMatch?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        var separator = presented.StartsWith(KeyPrefix, StringComparison.Ordinal) ? presented.IndexOf('_', KeyPrefix.Length) : -1;
        if (separator <= KeyPrefix.Length)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Id, string IntegrationId, string KeyHash, long? LastUsedAt)?>(new CommandDefinition(
            "SELECT id, integration_id, key_hash, last_used_at FROM api_keys WHERE lookup = @lookup",
            new { lookup = presented[KeyPrefix.Length..separator] },
            cancellationToken: cancellationToken));
        if (row is not { } found || !Secrets.Matches(presented, found.KeyHash))
        {
            return null;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (found.LastUsedAt is not { } lastUsed || now - lastUsed >= (long)LastUsedResolution.TotalMilliseconds)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE api_keys SET last_used_at = @now WHERE id = @id",
                new { id = found.Id, now },
                cancellationToken: cancellationToken));
        }

        return new ApiKeyMatch(found.Id, found.IntegrationId);
    }

    private sealed record Row
    {
        public string Id { get; init; } = string.Empty;
        public string IntegrationId { get; init; } = string.Empty;
        public string Name { get; init; } = string.Empty;
        public string Lookup { get; init; } = string.Empty;
        public long CreatedAt { get; init; }
        public long? LastUsedAt { get; init; }

        public ApiKeyView ToView() => new()
        {
            Id = Id,
            IntegrationId = IntegrationId,
            Name = Name,
            Prefix = KeyPrefix + Lookup,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            LastUsedAt = LastUsedAt is { } used ? DateTimeOffset.FromUnixTimeMilliseconds(used) : null,
        };
    }
}
