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
        var stored = await groupCommit.WriteAsync(
            (connection, transaction, token) => StoreMessageAsync(connection, transaction, message, companion, token),
            companion is null ? null : _ => companion.AfterCommit(),
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
        Notify(stored.Link, stored.Webhooks);
        if (stored.Replied)
        {
            outboxSignal.Notify();
        }

        return new InboxResult(stored.MessageId, Created: true);
    }

    public async Task<bool> ReceiveReactionAsync(InboundReaction reaction, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
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
            await transaction.RollbackAsync(cancellationToken);
            metrics.InboundDuplicate(AgentQueueKinds.Reaction);
            LogDuplicate(logger, reaction.Transport, reaction.EventId);
            return false;
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

        await transaction.CommitAsync(cancellationToken);
        metrics.InboundStored(AgentQueueKinds.Reaction);
        Notify(link);
        return true;
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
