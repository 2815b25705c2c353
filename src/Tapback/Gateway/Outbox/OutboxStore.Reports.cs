using System.Data.Common;
using System.Text.Json;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// What finishing a row does besides its state, in the same transaction: tells the agent link that
/// asked (a <c>message.sent</c> / <c>message.failed</c> row in its queue), and scrubs a text that must
/// not stay in the store.
/// </summary>
internal sealed partial class OutboxStore
{
    /// <summary>The columns finishing a row reads, as a <c>RETURNING</c> or <c>SELECT</c> list (<see cref="ReadFinishing"/>).</summary>
    private const string FinishingColumns = "report_link, client_message_id, redact_after_send";

    /// <summary>Returns the link that was told, or null.</summary>
    private static async Task<string?> FinishAsync(
        DbConnection connection, DbTransaction transaction, OutboxRow row, string kind, string? error, long now, CancellationToken cancellationToken)
    {
        var extra = (await PreparedStatements.QueryAsync(
            connection,
            transaction,
            $"SELECT {FinishingColumns} FROM outbox WHERE id = @id",
            ReadFinishing,
            cancellationToken,
            ("@id", row.Id)))[0];
        return await FinishAsync(connection, transaction, row, kind, error, now, extra, cancellationToken);
    }

    /// <summary>
    /// The same, with the row's <see cref="FinishingColumns"/> already read (by the statement that ended
    /// the row, with <c>RETURNING</c>: one statement fewer for every send).
    /// </summary>
    private static async Task<string?> FinishAsync(
        DbConnection connection, DbTransaction transaction, OutboxRow row, string kind, string? error, long now, Finishing extra, CancellationToken cancellationToken)
    {
        if (extra.Redact)
        {
            var payload = JsonSerializer.Deserialize(row.Payload, OutboxJsonContext.Wire.OutboxPayload);
            var redacted = payload?.RedactedText ?? string.Empty;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox SET payload = @payload WHERE id = @Id",
                new { row.Id, payload = JsonSerializer.Serialize(new OutboxPayload { Text = redacted, RedactedText = redacted }, OutboxJsonContext.Wire.OutboxPayload) },
                transaction,
                cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE messages SET body = @redacted WHERE id = @MessageId",
                new { row.MessageId, redacted },
                transaction,
                cancellationToken: cancellationToken));
        }

        if (extra.ReportLink is null || row.Kind is not (OutboxKinds.Message or OutboxKinds.Edit or OutboxKinds.Unsend))
        {
            return null;
        }

        var report = JsonSerializer.Serialize(
            new AgentQueuePayload { ClientMessageId = extra.ClientMessageId, Error = error, Operation = error is null || row.Kind == OutboxKinds.Message ? null : row.Kind },
            AgentQueueJsonContext.Wire.AgentQueuePayload);
        await AgentQueueStore.EnqueueAsync(connection, transaction, extra.ReportLink, row.ConversationId, kind, row.MessageId, null, report, now, cancellationToken);
        return extra.ReportLink;
    }

    /// <summary>The outbox keys of the rows that send these messages, in their order.</summary>
    public async Task<IReadOnlyList<string>> KeysOfMessagesAsync(IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default)
    {
        if (messageIds.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var keys = (await connection.QueryAsync<(string MessageId, string Key)>(new CommandDefinition(
            $"SELECT message_id, idempotency_key FROM outbox WHERE kind = '{OutboxKinds.Message}' AND message_id {SqlDialect.InList(connection, "@messageIds")}",
            new { messageIds = messageIds.ToArray() },
            cancellationToken: cancellationToken))).ToDictionary(row => row.MessageId, row => row.Key, StringComparer.Ordinal);
        return [.. messageIds.Where(keys.ContainsKey).Select(id => keys[id])];
    }

    /// <summary>
    /// For a send asked again with the same key: when the first one already finished, tells the link
    /// that asked once more (it may have lost the first report in a crash); when it is still on its
    /// way, the report will come. The report echoes <paramref name="clientMessageId"/>, the id the
    /// asking caller knows the send by (the first request may have come through a surface without one).
    /// Returns false when no row has that key.
    /// </summary>
    public async Task<bool> ReportAgainAsync(string idempotencyKey, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string State, string ConversationId, string? MessageId, string? ReportLink, string? ClientMessageId, string? LastError)?>(new CommandDefinition(
            "SELECT id, state, conversation_id, message_id, report_link, client_message_id, last_error FROM outbox WHERE idempotency_key = @idempotencyKey",
            new { idempotencyKey },
            transaction,
            cancellationToken: cancellationToken));
        if (row is not { } existing)
        {
            return false;
        }

        var kind = existing.State switch
        {
            OutboxStates.Done => AgentQueueKinds.MessageSent,
            OutboxStates.Failed or OutboxStates.Unknown => AgentQueueKinds.MessageFailed,
            _ => null,
        };
        if (kind is null && existing.ClientMessageId is null && clientMessageId is not null)
        {
            // Still on its way: its one report will come, naming the id this caller knows it by.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox SET client_message_id = @clientMessageId WHERE id = @Id",
                new { clientMessageId, existing.Id },
                transaction,
                cancellationToken: cancellationToken));
        }

        if (kind is not null && existing.ReportLink is not null)
        {
            var report = JsonSerializer.Serialize(
                new AgentQueuePayload { ClientMessageId = clientMessageId ?? existing.ClientMessageId, Error = kind == AgentQueueKinds.MessageFailed ? existing.LastError ?? "The send failed." : null },
                AgentQueueJsonContext.Wire.AgentQueuePayload);
            await AgentQueueStore.EnqueueAsync(connection, transaction, existing.ReportLink, existing.ConversationId, kind, existing.MessageId, null, report, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        NotifyReported(kind is null ? null : existing.ReportLink);
        return true;
    }

    private static Finishing ReadFinishing(DbDataReader reader) =>
        new(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetBoolean(2));

    /// <summary>What finishing a row needs of it besides what a claim read (<see cref="FinishingColumns"/>).</summary>
    private readonly record struct Finishing(string? ReportLink, string? ClientMessageId, bool Redact);

    private void NotifyReported(string? link)
    {
        if (link is not null)
        {
            linkSignals.Notify(link);
        }
    }
}
