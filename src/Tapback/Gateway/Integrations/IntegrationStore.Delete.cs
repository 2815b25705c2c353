using System.Data.Common;
using Dapper;
using Tapback.Gateway.Conversations;
using Tapback.Storage;

namespace Tapback.Gateway.Integrations;

/// <summary>
/// Ending an integration: revoke the token and API keys, let each feature remove its rows (queue,
/// webhooks, and with a purge the history), and close every session they opened. An admin delete
/// ends one by id; pairing a phone again ends the phone's earlier one.
/// </summary>
internal sealed partial class IntegrationStore
{
    /// <summary>Returns false when there is no such integration.</summary>
    public async Task<bool> DeleteAsync(string integrationId, bool purgeHistory, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var ended = await EndWhereAsync(connection, transaction, "id = @integrationId", new { integrationId, now }, now, cancellationToken);
        if (ended.Count == 0)
        {
            return false;
        }

        if (purgeHistory)
        {
            // Every feature deletes its own rows of the conversations first (they point at them), then
            // the conversations' owner deletes the messages and the conversations.
            var purge = await ConversationRemoval.OneToOneWithAsync(connection, transaction, ended[0].Transport, ended[0].Phone, cancellationToken);
            foreach (var cleanup in cleanups)
            {
                await cleanup.PurgeAsync(connection, transaction, purge, cancellationToken);
            }

            await ConversationRemoval.DeleteAsync(connection, transaction, purge, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        revocations.Revoked(integrationId);
        return true;
    }

    /// <summary>
    /// Pairing a phone again ends its live integration on that transport, if any, inside the pairing's
    /// transaction, as a delete without a purge does. Returns the ids ended: the caller tells
    /// <see cref="Credentials.CredentialRevocations"/> once it has committed.
    /// </summary>
    public async Task<IReadOnlyList<string>> EndPhoneAsync(
        DbConnection connection, DbTransaction transaction, string transport, string phone, long now, CancellationToken cancellationToken = default) =>
        [.. (await EndWhereAsync(connection, transaction, "transport = @transport AND phone = @phone", new { transport, phone, now }, now, cancellationToken))
            .Select(ended => ended.Id)];

    /// <param name="condition">A fixed condition of this class's own, never built from input.</param>
    private async Task<IReadOnlyList<(string Id, string Transport, string Phone)>> EndWhereAsync(
        DbConnection connection, DbTransaction transaction, string condition, object parameters, long now, CancellationToken cancellationToken)
    {
        var ended = (await connection.QueryAsync<(string Id, string Transport, string Phone)>(new CommandDefinition(
            $"""
            UPDATE integrations SET status = '{IntegrationStatuses.Deleted}', deleted_at = @now, updated_at = @now, token_hash = ''
            WHERE {condition} AND status <> '{IntegrationStatuses.Deleted}'
            RETURNING id, transport, phone
            """,
            parameters,
            transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var integration in ended)
        {
            foreach (var cleanup in cleanups)
            {
                await cleanup.RemoveAsync(connection, transaction, integration.Id, now, cancellationToken);
            }
        }

        return ended;
    }
}
