using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Tapback.Storage;

namespace Tapback.AgentLink.Rest;

/// <summary>
/// Remembers each keyed send: the request's hash and the messages it made. The row is written in the
/// send's own transaction, so a key is remembered exactly when its messages exist.
/// </summary>
internal sealed class RestIdempotency(Database database)
{
    public static string Hash(SendMessageRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, RestJsonContext.Wire.SendMessageRequest))));

    public async Task<Remembered?> FindAsync(string integrationId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, integrationId, key, cancellationToken);
    }

    /// <summary>Records the send; when a racing request recorded the key first with another body, throws to roll back.</summary>
    public static async Task RememberAsync(
        DbConnection connection, DbTransaction transaction, string integrationId, string key, string requestHash, string conversationId, IReadOnlyList<string> messageIds, long now, CancellationToken cancellationToken)
    {
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO rest_idempotency (integration_id, idempotency_key, request_hash, conversation_id, message_ids, created_at)
            VALUES (@integrationId, @key, @requestHash, @conversationId, @ids, @now)
            ON CONFLICT (integration_id, idempotency_key) DO NOTHING
            """,
            new { integrationId, key, requestHash, conversationId, ids = JsonSerializer.Serialize([.. messageIds], RestJsonContext.Wire.StringArray), now },
            transaction,
            cancellationToken: cancellationToken));
        if (inserted == 0 && (await FindAsync(connection, transaction, integrationId, key, cancellationToken))?.RequestHash != requestHash)
        {
            throw new IdempotencyConflictException();
        }
    }

    private static async Task<Remembered?> FindAsync(DbConnection connection, DbTransaction? transaction, string integrationId, string key, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string RequestHash, string ConversationId, string MessageIds)?>(new CommandDefinition(
            "SELECT request_hash, conversation_id, message_ids FROM rest_idempotency WHERE integration_id = @integrationId AND idempotency_key = @key",
            new { integrationId, key },
            transaction,
            cancellationToken: cancellationToken));
        return row is { } found
            ? new Remembered(found.RequestHash, found.ConversationId, JsonSerializer.Deserialize(found.MessageIds, RestJsonContext.Wire.StringArray) ?? [])
            : null;
    }

    public sealed record Remembered(string RequestHash, string ConversationId, IReadOnlyList<string> MessageIds);
}
