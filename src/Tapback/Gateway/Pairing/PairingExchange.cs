using Dapper;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Storage;

namespace Tapback.Gateway.Pairing;

/// <summary>
/// Exchanges a phone's latest code for an integration token. One integration per phone: pairing again
/// revokes the old integration's token and API keys, drops its queue and webhooks, and closes every session they opened (the socket with 4000).
/// </summary>
internal sealed partial class PairingExchange(
    Database database,
    CredentialRevocations revocations,
    IEnumerable<IIntegrationCleanup> cleanups,
    IOptions<PairingOptions> options,
    TimeProvider time,
    ILogger<PairingExchange> logger)
{
    public const string TokenPrefix = "tbk_";

    public async Task<PairingOutcome> ExchangeAsync(string phone, string code, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var latest = await connection.QuerySingleOrDefaultAsync<CodeRow>(new CommandDefinition(
            """
            SELECT id AS Id, transport AS Transport, salt AS Salt, code_hash AS CodeHash, failed_attempts AS FailedAttempts,
                   expires_at AS ExpiresAt, used_at AS UsedAt
            FROM pairing_codes WHERE phone = @phone ORDER BY id DESC LIMIT 1
            """,
            new { phone },
            transaction,
            cancellationToken: cancellationToken));
        if (latest is null || latest.UsedAt is not null || latest.ExpiresAt <= now)
        {
            return new PairingOutcome { Result = PairingResult.Invalid };
        }

        if (latest.FailedAttempts >= options.Value.MaxWrongCodes)
        {
            LogExhausted(logger, latest.Id);
            return new PairingOutcome { Result = PairingResult.Exhausted };
        }

        if (!Secrets.HexEquals(Secrets.HashCode(code, latest.Salt), latest.CodeHash))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE pairing_codes SET failed_attempts = failed_attempts + 1 WHERE id = @Id",
                new { latest.Id },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            LogWrongCode(logger, latest.Id, latest.FailedAttempts + 1);
            return new PairingOutcome { Result = PairingResult.Invalid };
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pairing_codes SET used_at = @now WHERE id = @Id",
            new { latest.Id, now },
            transaction,
            cancellationToken: cancellationToken));
        var replaced = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            UPDATE integrations SET status = 'deleted', deleted_at = @now, updated_at = @now, token_hash = ''
            WHERE phone = @phone AND status <> 'deleted'
            RETURNING id
            """,
            new { phone, now },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var old in replaced)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE agent_queue SET state = 'discarded', done_at = @now WHERE link = @link AND state = 'pending'",
                new { link = IntegrationLinks.Of(old), now },
                transaction,
                cancellationToken: cancellationToken));
            foreach (var cleanup in cleanups)
            {
                await cleanup.RemoveAsync(connection, transaction, old, now, cancellationToken);
            }
        }

        var token = Secrets.NewToken(TokenPrefix);
        var integrationId = Ids.New("int");
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO integrations (id, phone, name, transport, token_hash, status, created_at, updated_at)
            VALUES (@integrationId, @phone, @phone, @Transport, @tokenHash, 'active', @now, @now)
            """,
            new { integrationId, phone, latest.Transport, tokenHash = Secrets.Hash(token), now },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);

        foreach (var old in replaced)
        {
            revocations.Revoked(old);
        }

        LogPaired(logger, integrationId, replaced.Count);
        return new PairingOutcome { Result = PairingResult.Paired, Token = token, IntegrationId = integrationId };
    }

    private sealed record CodeRow
    {
        public long Id { get; init; }
        public string Transport { get; init; } = string.Empty;
        public string Salt { get; init; } = string.Empty;
        public string CodeHash { get; init; } = string.Empty;
        public long FailedAttempts { get; init; }
        public long ExpiresAt { get; init; }
        public long? UsedAt { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Paired integration {IntegrationId}; it replaced {Replaced} earlier integration(s) of the same phone.")]
    private static partial void LogPaired(ILogger logger, string integrationId, int replaced);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A wrong pairing code was given for code {CodeId} (wrong tries: {Tries}).")]
    private static partial void LogWrongCode(ILogger logger, long codeId, long tries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pairing code {CodeId} has had too many wrong tries; it no longer works.")]
    private static partial void LogExhausted(ILogger logger, long codeId);
}
