using System.Data.Common;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Governor;
using Tapback.Gateway.OptOut;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Outbox;

/// <summary>One row a transport of the store carries out (<see cref="IStoreTransport"/>).</summary>
/// <param name="Send">What the transport writes.</param>
/// <param name="Tally">What the send governor counts of it, or null.</param>
/// <param name="ChecksOptOut">False for the gateway's own STOP/START confirmation, which goes out to an opted-out handle.</param>
internal sealed record StoreCarryOut(OutboxRow Row, StoreSend Send, GovernorTally? Tally, bool ChecksOptOut);

/// <summary>What became of one <see cref="StoreCarryOut"/>.</summary>
internal enum StoreCarryOutResult
{
    /// <summary>Written and recorded done.</summary>
    Sent,

    /// <summary>Ended failed: the person texted STOP.</summary>
    OptedOut,

    /// <summary>The claim no longer held the row: nothing written, and nothing after it in the write.</summary>
    TakenOver,
}

/// <summary>
/// Rows carried out by a transport of the store: the send and the row's end as done in one write, for
/// every row of a claim that no pause separates, instead of an in-flight mark, the transport's own
/// write and a done mark for each. Exactly once without the in-flight mark: the send exists only if
/// the done mark committed with it, so a crash leaves the row queued and nothing shown, and a repeat
/// after that is the first time (the phone's dedupe key would drop a second one anyway).
/// </summary>
internal sealed partial class OutboxStore
{
    /// <summary>
    /// Carries the rows out in their order, while the claim that read them still holds them in the
    /// state it read (the condition of <see cref="MarkInFlightAsync"/>): at the first that it does not
    /// hold, it stops. Whether the person texted STOP is read in the same write, once.
    /// </summary>
    public async Task<IReadOnlyList<StoreCarryOutResult>> CarryOutInStoreAsync(
        IReadOnlyList<StoreCarryOut> sends, string optedOutError, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();

        async Task<(List<StoreCarryOutResult> Results, List<string> Links)> WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken token)
        {
            var results = new List<StoreCarryOutResult>(sends.Count);
            var links = new List<string>();
            bool? optedOut = null;
            foreach (var (row, send, tally, checksOptOut) in sends)
            {
                if (checksOptOut && (optedOut ??= await OptOutStore.IsConversationOptedOutAsync(connection, transaction, row.ConversationId, token)))
                {
                    if (await EndUnsentAsync(connection, transaction, row, row.LeaseOwner, OutboxStates.Failed, MessageStates.Failed, optedOutError, now, token) is { } told)
                    {
                        links.Add(told);
                    }

                    results.Add(StoreCarryOutResult.OptedOut);
                    continue;
                }

                var marked = await PreparedStatements.QueryAsync(
                    connection,
                    transaction,
                    $"""
                    UPDATE outbox SET state = '{OutboxStates.Done}', attempts = attempts + 1, attempted_at = @now, done_at = @now,
                                      lease_owner = NULL, lease_until = NULL, last_error = NULL
                    WHERE id = @id AND lease_owner = @owner AND state = @state
                    RETURNING {FinishingColumns}
                    """,
                    ReadFinishing,
                    token,
                    ("@now", now),
                    ("@id", row.Id),
                    ("@owner", row.LeaseOwner),
                    ("@state", row.State));
                if (marked.Count == 0)
                {
                    results.Add(StoreCarryOutResult.TakenOver);
                    break;
                }

                await send.WriteAsync(connection, transaction, token);
                if (tally is not null)
                {
                    await tally.RecordAsync(connection, transaction, now, token);
                }

                if (await RecordDoneAsync(connection, transaction, row, send.ProviderId, now, marked[0], token) is { } link)
                {
                    links.Add(link);
                }

                results.Add(StoreCarryOutResult.Sent);
            }

            return (results, links);
        }

        // What was written shows (the phone's live view) after COMMIT, in store order: on SQLite on the
        // group commit's writer, as the transport's own write does it.
        void Publish((List<StoreCarryOutResult> Results, List<string> Links) written)
        {
            for (var index = 0; index < written.Results.Count; index++)
            {
                if (written.Results[index] == StoreCarryOutResult.Sent)
                {
                    sends[index].Send.AfterCommit();
                }
            }
        }

        (List<StoreCarryOutResult> Results, List<string> Links) done;
        if (database.IsPostgres)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
            done = await WriteAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Publish(done);
        }
        else
        {
            done = await groupCommit.WriteAsync(WriteAsync, Publish, cancellationToken);
        }

        done.Links.ForEach(NotifyReported);
        return done.Results;
    }
}
