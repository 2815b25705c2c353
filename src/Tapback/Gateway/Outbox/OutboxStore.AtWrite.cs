using System.Data.Common;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Outbox;

/// <summary>The outbox's part of rows carried out as they are written (<see cref="StoreSendsAtWrite"/>).</summary>
internal sealed partial class OutboxStore
{
    /// <summary>
    /// Whether the conversation has a row still open (queued, in flight, reconciling or held): rows
    /// written now go after it, so none of them may be carried out before it. One probe of
    /// ix_outbox_conversation_open.
    /// </summary>
    public static async Task<bool> HasOpenRowsAsync(DbConnection connection, DbTransaction transaction, string conversationId, CancellationToken cancellationToken) =>
        await PreparedStatements.ScalarAsync<long?>(
            connection,
            transaction,
            $"SELECT 1 FROM outbox WHERE conversation_id = @conversationId AND state IN ({OutboxStates.Open}) LIMIT 1",
            cancellationToken,
            ("@conversationId", conversationId)) is not null;

    /// <summary>
    /// What a row's end as done changes besides the row and its message (<see cref="RecordDoneAsync"/>),
    /// for a row just stored done in this transaction with its transport's write: the columns finishing
    /// reads are the ones it was written with, and its message was inserted already sent, with its
    /// provider id (<see cref="OutboxWriter"/>), so it is not updated again. A row carried out at write
    /// is never an edit or an unsend (<see cref="StoreSendsAtWrite.PlanAsync"/>). Returns the agent link
    /// told, or null.
    /// </summary>
    public static Task<string?> RecordCarriedOutAtWriteAsync(
        DbConnection connection, DbTransaction transaction, OutboxRow row, string? reportTo, string? clientMessageId, long now, CancellationToken cancellationToken) =>
        FinishAsync(connection, transaction, row, DoneReport(row.Kind), error: null, now, new Finishing(reportTo, clientMessageId, Redact: false), cancellationToken);
}
