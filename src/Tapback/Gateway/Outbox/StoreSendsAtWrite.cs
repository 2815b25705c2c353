using System.Data.Common;
using System.Text.Json;
using Tapback.Diagnostics;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Governor;
using Tapback.Gateway.OptOut;
using Tapback.Gateway.Outbox.Pacing;
using Tapback.Gateway.Transports;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// Carries out, in the very write that stores them, the leading rows of an outbox write whose
/// transport writes into the store (<see cref="IStoreTransport"/>: the simulator's phones), where the
/// dispatcher would only claim them a moment later and carry them out in a write of its own. A turn's
/// opening (read receipt, typing) and its answer (bubble, typing off) were each a write, a look, a
/// claim and a carry-out on the one writer; now each is one write. The row is stored already done,
/// so it never enters the open rows' indexes either.
/// </summary>
/// <remarks>
/// It holds every rule the dispatcher's path holds, or leaves the rows to the dispatcher: only on
/// SQLite (one writer, so nothing changes between the checks and the rows); only where the dispatcher
/// would carry the row out in the store as well (an <see cref="IStoreTransport"/> with no pace limit,
/// and <see cref="IStoreTransport.PrepareAsync"/> gives a write) and the send governor does not govern
/// the transport (no number's turn, nothing to count) and holds nothing (its rules are asked, as the
/// dispatcher asks them); only while the conversation has no open row (order: nothing before these
/// rows waits) and the person has not texted STOP (the dispatcher fails such rows, and says so); only a
/// prefix of the write (rows without a beat, a due time, files or a redaction, each new: a repeated key
/// stops the prefix). Exactly once as in <see cref="OutboxStore.CarryOutInStoreAsync"/>: the phone's
/// line and the row's end commit together with the row itself, or none of it.
/// </remarks>
internal sealed class StoreSendsAtWrite(
    Database database,
    TransportRegistry transports,
    PacingPolicy pacing,
    GovernorPolicy governorPolicy,
    SendGovernor governor,
    AgentLinkSignals linkSignals,
    TapbackMetrics metrics)
{
    /// <summary>Wakes the agent link told of a send (a <c>message.sent</c> in its queue), after COMMIT.</summary>
    public void NotifyReported(string link) => linkSignals.Notify(link);

    /// <summary>What may be carried out as <paramref name="actions"/> are written, or null when none may.</summary>
    public async Task<Run?> PlanAsync(Conversation conversation, IReadOnlyList<AgentAction> actions, CancellationToken cancellationToken)
    {
        if (database.IsPostgres
            || !transports.TryGet(conversation.Transport, out var transport)
            || transport is not IStoreTransport inStore
            || !pacing.For(transport).IsUnlimited
            || governorPolicy.Governs(conversation.Transport))
        {
            return null;
        }

        var run = new Run(metrics);
        foreach (var action in actions)
        {
            if (action.Delay > TimeSpan.Zero || action.DueAt is not null || action.Attachments.Count > 0 || action.VoiceNote || action.RedactedText is not null
                || action.Kind is AgentActionKind.Edit or AgentActionKind.Unsend)
            {
                break;
            }

            var messageId = action.Kind == AgentActionKind.Message ? Ids.New("msg") : null;
            var payload = OutboxWriter.PayloadOf(action, attachmentIds: null);
            var json = JsonSerializer.Serialize(payload, OutboxJsonContext.Wire.OutboxPayload);
            var row = new OutboxRow
            {
                Id = 0,
                IdempotencyKey = action.Key,
                Transport = conversation.Transport,
                ConversationId = conversation.Id,
                ChatId = conversation.ChatId,
                Kind = OutboxKinds.Of(action.Kind),
                MessageId = messageId,
                Payload = json,
                DelayMs = 0,
                Attempts = 0,
                GovernorExempt = action.GovernorExempt,
            };
            var verdict = await governor.JudgeAsync(row, cancellationToken);
            if (verdict.Hold is not null || verdict.Tally is not null)
            {
                verdict.Dispose();
                break;
            }

            var send = await inStore.PrepareAsync(OutboundActions.Of(row, payload, []), cancellationToken);
            verdict.Dispose();
            if (send is null)
            {
                break;
            }

            run.Planned.Add(new Planned(row, send, action.ReportTo, action.ClientMessageId));
        }

        return run.Planned.Count > 0 ? run : null;
    }

    /// <summary>One row planned to be carried out as it is written.</summary>
    internal sealed record Planned(OutboxRow Row, StoreSend Send, string? ReportTo, string? ClientMessageId);

    /// <summary>
    /// The rows planned for one write, and what each try of the write carried out (a group commit may
    /// run a unit twice: each try starts over with <see cref="BeginAsync"/>).
    /// </summary>
    internal sealed class Run(TapbackMetrics metrics)
    {
        private bool _open;

        public List<Planned> Planned { get; } = [];

        /// <summary>The rows of this try carried out, in order (a prefix of <see cref="Planned"/>).</summary>
        public int Carried { get; private set; }

        /// <summary>The agent links told of a send in this try.</summary>
        public List<string> Links { get; } = [];

        /// <summary>Starts a try: the rows go only while the conversation has no open row and no STOP.</summary>
        public async Task BeginAsync(DbConnection connection, DbTransaction transaction, string conversationId, CancellationToken cancellationToken)
        {
            Carried = 0;
            Links.Clear();
            _open = !await OutboxStore.HasOpenRowsAsync(connection, transaction, conversationId, cancellationToken)
                && !await OptOutStore.IsConversationOptedOutAsync(connection, transaction, conversationId, cancellationToken);
        }

        /// <summary>The planned row for the write's action at <paramref name="index"/> while the run goes on, else null.</summary>
        public Planned? At(int index) => _open && index == Carried && index < Planned.Count ? Planned[index] : null;

        /// <summary>Ends the run: the action at hand and every one after it are left to the dispatcher.</summary>
        public void Stop() => _open = false;

        /// <summary>The row was just stored done: its transport's write and its end, in the same transaction.</summary>
        public async Task CarryOutAsync(DbConnection connection, DbTransaction transaction, Planned planned, long now, CancellationToken cancellationToken)
        {
            await planned.Send.WriteAsync(connection, transaction, cancellationToken);
            if (await OutboxStore.RecordCarriedOutAtWriteAsync(connection, transaction, planned.Row, planned.ReportTo, planned.ClientMessageId, now, cancellationToken) is { } link)
            {
                Links.Add(link);
            }

            Carried++;
        }

        /// <summary>After COMMIT, on the writer and in store order: what was written shows (the phone's live view).</summary>
        public void Publish()
        {
            for (var index = 0; index < Carried; index++)
            {
                Planned[index].Send.AfterCommit();
            }
        }

        /// <summary>After the caller resumed: the sends counted, as the dispatcher counts them.</summary>
        public void Count()
        {
            for (var index = 0; index < Carried; index++)
            {
                var row = Planned[index].Row;
                metrics.OutboxSend(row.Kind, OutboxResults.Sent, row.IdempotencyKey);
            }
        }
    }
}
