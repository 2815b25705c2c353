using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;
using Tapback.Messaging;
using Tapback.Storage;

namespace Tapback.Gateway.Inbox;

/// <summary>Delivery reports: a provider says a message we sent was delivered, read, or failed.</summary>
internal sealed partial class Inbox
{
    /// <summary>
    /// Records a report against the message it names and tells the integration that owns the chat.
    /// States only move forward (sent → delivered → read): a late "delivered" after "read" changes
    /// nothing. Returns false for a repeat or for a message this store never sent (or has not learned
    /// the provider id of yet: that report is kept, see ApplyKeptStatusesAsync).
    /// </summary>
    public async Task<bool> ReceiveStatusAsync(InboundStatus status, CancellationToken cancellationToken = default)
    {
        // In the group commit like a message (a report arrives for every bubble sent): a write of its
        // own waited in SQLite's busy handler behind the inbound batches.
        var (outcome, link) = await groupCommit.WriteAsync(
            (connection, transaction, token) => StoreStatusAsync(connection, transaction, status, token),
            cancellationToken: cancellationToken);
        switch (outcome)
        {
            case StatusOutcome.Kept:
                LogStatusKept(logger, status.Transport, status.Status);
                return false;
            case StatusOutcome.Repeat:
                LogDuplicate(logger, status.Transport, status.EventId);
                return false;
        }

        if (link is not null)
        {
            linkSignals.Notify(link);
        }

        return true;
    }

    private async Task<(StatusOutcome Outcome, string? Link)> StoreStatusAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, InboundStatus status, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var message = await connection.QuerySingleOrDefaultAsync<(string Id, string ConversationId, string State, string Handle)?>(new CommandDefinition(
            $"""
            SELECT m.id, m.conversation_id, m.state, c.handle FROM messages m
            JOIN conversations c ON c.id = m.conversation_id
            WHERE m.provider_id = @ProviderMessageId AND m.direction = '{MessageDirections.Outbound}' AND c.transport = @Transport
            ORDER BY m.seq DESC
            LIMIT 1
            """,
            new { status.ProviderMessageId, status.Transport },
            transaction,
            cancellationToken: cancellationToken));
        if (message is not { } found)
        {
            // Perhaps a send whose provider id the outbox has not learned yet (it is being looked up
            // after a timeout): kept, and applied when the id is known (ApplyKeptStatusesAsync).
            await KeepStatusAsync(connection, transaction, status, now, cancellationToken);
            return (StatusOutcome.Kept, null);
        }

        // A report that would move the state backwards stores nothing, not even its inbox row.
        var next = NextState(found.State, status.Status);
        if (next is null)
        {
            return (StatusOutcome.Repeat, null);
        }

        var inboxId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"""
            INSERT INTO inbox (transport, event_id, kind, message_id, received_at)
            VALUES (@Transport, @EventId, '{InboxKinds.Status}', @messageId, @now)
            ON CONFLICT (transport, event_id) DO NOTHING
            RETURNING id
            """,
            new { status.Transport, status.EventId, messageId = found.Id, now },
            transaction,
            cancellationToken: cancellationToken));
        if (inboxId is null)
        {
            return (StatusOutcome.Repeat, null);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE messages SET state = @next, updated_at = @now WHERE id = @Id",
            new { next, now, found.Id },
            transaction,
            cancellationToken: cancellationToken));

        // Reports are the integration's news (its webhooks and socket); the built-in agent has no use for them.
        var link = await router.RouteAsync(connection, transaction, status.Transport, found.Handle, cancellationToken);
        var told = link is not null && IntegrationLinks.TryParse(link, out _);
        if (told)
        {
            var kind = status.Status switch
            {
                DeliveryStatus.Delivered => AgentQueueKinds.MessageDelivered,
                DeliveryStatus.Read => AgentQueueKinds.MessageRead,
                DeliveryStatus.Failed => AgentQueueKinds.MessageFailed,
                _ => AgentQueueKinds.MessageSent,
            };
            var payload = status.Status == DeliveryStatus.Failed
                ? System.Text.Json.JsonSerializer.Serialize(
                    new AgentQueuePayload { Error = status.Error ?? "The provider reported the message failed." },
                    AgentQueueJsonContext.Wire.AgentQueuePayload)
                : null;
            await AgentQueueStore.EnqueueAsync(connection, transaction, link!, found.ConversationId, kind, found.Id, null, payload, now, cancellationToken);
        }

        LogStatus(logger, found.Id, status.Transport, next);
        return (StatusOutcome.Stored, told ? link : null);
    }

    private enum StatusOutcome
    {
        Stored,
        Kept,
        Repeat,
    }

    /// <summary>The message's new state, or null when the report would move it backwards.</summary>
    internal static string? NextState(string current, DeliveryStatus reported)
    {
        var rank = Rank(current);
        return reported switch
        {
            // A failure after the phone has it is a provider's confusion, not news.
            DeliveryStatus.Failed => rank >= Rank(MessageStates.Delivered) ? null : MessageStates.Failed,
            DeliveryStatus.Sent => rank >= Rank(MessageStates.Sent) ? null : MessageStates.Sent,
            DeliveryStatus.Delivered => rank >= Rank(MessageStates.Delivered) ? null : MessageStates.Delivered,
            DeliveryStatus.Read => rank >= Rank(MessageStates.Read) ? null : MessageStates.Read,
            _ => null,
        };

        static int Rank(string state) => state switch
        {
            MessageStates.Sent => 1,
            MessageStates.Delivered => 2,
            MessageStates.Read => 3,
            _ => 0,
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A {Status} report on {Transport} names no message this store knows the provider id of yet; kept until it does.")]
    private static partial void LogStatusKept(ILogger logger, string transport, DeliveryStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} on {Transport} is now {State}.")]
    private static partial void LogStatus(ILogger logger, string messageId, string transport, string state);
}
