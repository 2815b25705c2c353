using Dapper;
using Microsoft.Extensions.Options;
using Tapback.Diagnostics;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.OptOut;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Pairing;
using Tapback.Gateway.Routing;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Inbox;

/// <summary>
/// Where every inbound event enters: deduplicated on the transport's event id, stored with its
/// conversation, message and agent-queue row in one transaction, before the caller acknowledges it.
/// </summary>
internal sealed partial class Inbox(
    Database database,
    GroupCommit groupCommit,
    MessageRouter router,
    PairingCodeIssuer pairing,
    StrangerNotice strangerNotice,
    AgentQueueSignal agentQueueSignal,
    AgentLinkSignals linkSignals,
    OutboxSignal outboxSignal,
    IEnumerable<IWaitingPrompts> waitingPrompts,
    IEnumerable<IInboundObserver> inboundObservers,
    IEnumerable<IInboundWatch> watches,
    IOptions<InboxOptions> options,
    IOptions<OptOutOptions> optOutOptions,
    TapbackMetrics metrics,
    TimeProvider time,
    ILogger<Inbox> logger)
{
    /// <summary>
    /// Stores the message (or finds the one an earlier delivery of the same event became) and routes
    /// it. Returns once the write has committed, in a group commit with whatever else arrived at that
    /// moment: a caller may acknowledge the event as soon as this returns.
    /// </summary>
    public Task<InboxResult> ReceiveMessageAsync(InboundMessage message, CancellationToken cancellationToken = default) =>
        ReceiveMessageAsync(message, companion: null, cancellationToken);

    /// <summary>
    /// As <see cref="ReceiveMessageAsync(InboundMessage, CancellationToken)"/>, with
    /// <paramref name="companion"/> written in the same unit once the event proved new, and committed with
    /// the message or not at all: a repeat of the event writes no second companion.
    /// </summary>
    public async Task<InboxResult> ReceiveMessageAsync(InboundMessage message, InboxCompanionWrite? companion, CancellationToken cancellationToken = default)
    {
        // The wake-ups go on the writer right after COMMIT (afterCommit), not after this caller's
        // continuation has waited its turn on the thread pool: that wait was the largest part of an
        // agent WebSocket's delay on a busy gateway.
        var stored = await groupCommit.WriteAsync(
            (connection, transaction, token) => StoreMessageAsync(connection, transaction, message, companion, token),
            stored =>
            {
                companion?.AfterCommit();
                WakeDeliverers(stored);
            },
            OrderedBy(message),
            cancellationToken);
        if (!stored.Created)
        {
            metrics.InboundDuplicate(AgentQueueKinds.Message);
            LogDuplicate(logger, message.Transport, message.EventId);
            return new InboxResult(stored.MessageId, Created: false);
        }

        metrics.InboundStored(AgentQueueKinds.Message);
        LogStored(logger, stored.MessageId, message.Transport, stored.ConversationId!, stored.Link ?? "no one");
        LogStoredBody(logger, stored.MessageId, message.From, message.Text);
        return new InboxResult(stored.MessageId, Created: true);
    }

    private void WakeDeliverers(StoredInbound stored)
    {
        if (!stored.Created)
        {
            return;
        }

        Notify(stored.Link, stored.Webhooks);
        if (stored.Replied)
        {
            outboxSignal.Notify();
        }
    }

    public async Task<bool> ReceiveReactionAsync(InboundReaction reaction, CancellationToken cancellationToken = default)
    {
        // In the group commit like a message: a write of its own waited in SQLite's busy handler
        // behind the inbound batches, and under a steady load could wait out the busy timeout.
        var (stored, link) = await groupCommit.WriteAsync(
            (connection, transaction, token) => StoreReactionAsync(connection, transaction, reaction, token),
            cancellationToken: cancellationToken);
        if (!stored)
        {
            metrics.InboundDuplicate(AgentQueueKinds.Reaction);
            LogDuplicate(logger, reaction.Transport, reaction.EventId);
            return false;
        }

        metrics.InboundStored(AgentQueueKinds.Reaction);
        Notify(link);
        return true;
    }

    private async Task<(bool Stored, string? Link)> StoreReactionAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, InboundReaction reaction, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var inboxId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"""
            INSERT INTO inbox (transport, event_id, kind, received_at)
            VALUES (@Transport, @EventId, '{InboxKinds.Reaction}', @now)
            ON CONFLICT (transport, event_id) DO NOTHING
            RETURNING id
            """,
            new { reaction.Transport, reaction.EventId, now },
            transaction,
            cancellationToken: cancellationToken));
        if (inboxId is null)
        {
            // A duplicate: nothing was written.
            return (false, null);
        }

        var conversationId = await ConversationWriter.UpsertAsync(
            connection, transaction, reaction.Transport, reaction.ChatId, reaction.From, false, null, now, cancellationToken);
        var reactionId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO reactions (conversation_id, message_id, sender, reaction, removed, created_at)
            VALUES (@conversationId, @MessageId, @From, @reactionName, @Removed, @now)
            RETURNING id
            """,
            new { conversationId, reaction.MessageId, reaction.From, reactionName = reaction.Reaction.ToWire(), reaction.Removed, now },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inbox SET reaction_id = @reactionId WHERE id = @inboxId",
            new { reactionId, inboxId },
            transaction,
            cancellationToken: cancellationToken));

        var link = await router.RouteAsync(connection, transaction, reaction.Transport, reaction.From, cancellationToken);
        if (link is not null)
        {
            await AgentQueueStore.EnqueueAsync(connection, transaction, link, conversationId, AgentQueueKinds.Reaction, reaction.MessageId, reactionId, now, cancellationToken);
        }

        return (true, link);
    }

    private bool IsBeyondAnswerWindow(InboundMessage message, long now) =>
        message.SentAt is { } sentAt && now - sentAt.ToUnixTimeMilliseconds() > (long)options.Value.AnswerWindow.TotalMilliseconds;

    private async Task<bool> HasWaitingQuestionAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string conversationId, CancellationToken cancellationToken)
    {
        foreach (var prompts in waitingPrompts)
        {
            if (await prompts.IsWaitingAsync(connection, transaction, conversationId, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> ConfirmAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string conversationId, string transport, string key, string text, long now, CancellationToken cancellationToken)
    {
        await OutboxWriter.WriteAsync(connection, transaction, conversationId, transport, [AgentAction.GatewayMessage(key, text)], now, cancellationToken);
        return true;
    }

    private void Notify(string? link, bool webhooks = true)
    {
        if (link is null)
        {
            return;
        }

        // Each wake-up costs its worker a look at the store (and, across nodes, a relayed nudge): wake
        // only the ones with something new. The built-in agent's worker claims only its own link.
        if (link == AgentLinks.BuiltIn)
        {
            agentQueueSignal.Notify();
        }

        linkSignals.Notify(link, webhooks);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbound event {EventId} on {Transport} was already stored; nothing new was written.")]
    private static partial void LogDuplicate(ILogger logger, string transport, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound message {MessageId} on {Transport} was sent before the answer window (Tapback:Gateway:Inbox:AnswerWindow); stored, not answered.")]
    private static partial void LogBeyondAnswerWindow(ILogger logger, string messageId, string transport);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound message {MessageId} on {Transport} is from a sender who texted STOP; stored, not answered.")]
    private static partial void LogOptedOut(ILogger logger, string messageId, string transport);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored inbound message {MessageId} from {Transport} in {ConversationId}, routed to {Link}.")]
    private static partial void LogStored(ILogger logger, string messageId, string transport, string conversationId, string link);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Inbound message {MessageId} from {From}: {Text}")]
    private static partial void LogStoredBody(ILogger logger, string messageId, string from, string text);
}
