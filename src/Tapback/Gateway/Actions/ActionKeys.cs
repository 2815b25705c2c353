using System.Data.Common;
using System.Text.Json;
using Dapper;
using Tapback.Storage;

namespace Tapback.Gateway.Actions;

/// <summary>
/// The one idempotency rule: a caller's key is its integration's (two integrations never collide), and
/// it names one request. The row holds the request's fingerprint and what it made, and is written in
/// the action's own transaction, so a key is remembered exactly when its outbox rows exist.
/// </summary>
internal sealed class ActionKeys(Database database)
{
    public async Task<Remembered?> FindAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, scope, key, cancellationToken);
    }

    /// <summary>
    /// Records the key inside the action's transaction. A racing request that recorded it first wins:
    /// this one throws <see cref="KeyTakenException"/> to roll its rows back, and answers from the winner's row.
    /// </summary>
    public static async Task RememberAsync(
        DbConnection connection, DbTransaction transaction, string scope, string key, string fingerprint, string conversationId, IReadOnlyList<string> messageIds, long now, CancellationToken cancellationToken)
    {
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO action_keys (integration_id, idempotency_key, request_hash, conversation_id, message_ids, created_at)
            VALUES (@scope, @key, @fingerprint, @conversationId, @ids, @now)
            ON CONFLICT (integration_id, idempotency_key) DO NOTHING
            """,
            new { scope, key, fingerprint, conversationId, ids = JsonSerializer.Serialize([.. messageIds], ActionJsonContext.Wire.StringArray), now },
            transaction,
            cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            throw new KeyTakenException();
        }
    }

    /// <summary>Forgets the keys recorded before <paramref name="before"/> (unix milliseconds); returns how many.</summary>
    public async Task<int> ForgetOlderThanAsync(long before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM action_keys WHERE created_at < @before",
            new { before },
            cancellationToken: cancellationToken));
    }

    private static async Task<Remembered?> FindAsync(DbConnection connection, DbTransaction? transaction, string scope, string key, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string RequestHash, string ConversationId, string MessageIds)?>(new CommandDefinition(
            "SELECT request_hash, conversation_id, message_ids FROM action_keys WHERE integration_id = @scope AND idempotency_key = @key",
            new { scope, key },
            transaction,
            cancellationToken: cancellationToken));
        return row is { } found
            ? new Remembered(found.RequestHash, found.ConversationId, JsonSerializer.Deserialize(found.MessageIds, ActionJsonContext.Wire.StringArray) ?? [])
            : null;
    }

    internal sealed record Remembered(string Fingerprint, string ConversationId, IReadOnlyList<string> MessageIds);

    /// <summary>Thrown inside an action's transaction when its key was recorded first by another request, to roll it back.</summary>
    internal sealed class KeyTakenException() : Exception("The idempotency key was recorded by another request first.");
}
