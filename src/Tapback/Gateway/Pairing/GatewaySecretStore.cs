using Dapper;
using Tapback.Storage;

namespace Tapback.Gateway.Pairing;

/// <summary>
/// Values the gateway makes for itself once and keeps in the store (<c>gateway_secrets</c>): the admin
/// token's hash. The first writer wins, so two starts agree. Never a key that signs a credential: a
/// copy of the store must not be enough to mint one (those derive from <see cref="GatewayKeyFile"/>).
/// </summary>
internal sealed class GatewaySecretStore(Database database, TimeProvider time)
{
    /// <summary>Returns the stored value, creating it with <paramref name="create"/> when absent.</summary>
    public async Task<(string Value, bool Created)> GetOrCreateAsync(string name, Func<string> create, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var existing = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT value FROM gateway_secrets WHERE name = @name", new { name }, cancellationToken: cancellationToken));
        if (existing is not null)
        {
            return (existing, false);
        }

        var value = create();
        var inserted = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "INSERT INTO gateway_secrets (name, value, created_at) VALUES (@name, @value, @now) ON CONFLICT (name) DO NOTHING RETURNING value",
            new { name, value, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        if (inserted is not null)
        {
            return (inserted, true);
        }

        var winner = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT value FROM gateway_secrets WHERE name = @name", new { name }, cancellationToken: cancellationToken));
        return (winner!, false);
    }
}
