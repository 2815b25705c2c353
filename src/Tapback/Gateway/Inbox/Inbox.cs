using Dapper;
using Microsoft.Extensions.Options;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.OptOut;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Pairing;
using Tapback.Gateway.Routing;
using Tapback.Messaging;
using Tapback.Storage;

namespace Tapback.Gateway.Inbox;

/// <summary>
/// Where every inbound event enters: deduplicated on the transport's event id, stored with its
/// conversation, message and agent-queue row in one transaction, before the caller acknowledges it.
/// </summary>
internal sealed partial class Inbox(
    Database database,
    MessageRouter router,
    PairingCodeIssuer pairing,
    StrangerNotice strangerNotice,
    AgentQueueSignal agentQueueSignal,
    AgentLinkSignals linkSignals,
    OutboxSignal outboxSignal,
    IOptions<InboxOptions> options,
    IOptions<OptOutOptions> optOutOptions,
    TimeProvider time,
    ILogger<Inbox> logger)
{
    public async Task<InboxResult> ReceiveMessageAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var messageId = message.MessageId ?? Ids.New("msg");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);

        var inboxId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO inbox (transport, event_id, kind, message_id, received_at)
            VALUES (@Transport, @EventId, 'message', @messageId, @now)
            ON CONFLICT (transport, event_id) DO NOTHING
            RETURNING id
            """,
            new { message.Transport, message.EventId, messageId, now },
            transaction,
            cancellationToken: cancellationToken));
        if (inboxId is null)
        {
            var existing = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT message_id FROM inbox WHERE transport = @Transport AND event_id = @EventId",
                new { message.Transport, message.EventId },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.RollbackAsync(cancellationToken);
            LogDuplicate(logger, message.Transport, message.EventId);
            return new InboxResult(existing!, Created: false);
        }

        var conversationId = await ConversationWriter.UpsertAsync(
            connection, transaction, message.Transport, message.ChatId, message.IsGroup ? message.ChatId : message.From, message.IsGroup, message.ChatName, now, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO messages (id, conversation_id, direction, sender, body, state, reply_to, created_at, updated_at)
            VALUES (@messageId, @conversationId, 'in', @From, @Text, 'received', @ReplyTo, @now, @now)
            """,
            new { messageId, conversationId, message.From, message.Text, message.ReplyTo, now },
            transaction,
            cancellationToken: cancellationToken));
        for (var position = 0; position < message.Attachments.Count; position++)
        {
            var attachment = message.Attachments[position];
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO attachments (id, message_id, file_name, content_type, size_bytes, sha256, created_at, position)
                VALUES (@Id, @messageId, @FileName, @ContentType, @SizeBytes, @Sha256, @now, @position)
                """,
                new { attachment.Id, messageId, attachment.FileName, attachment.ContentType, attachment.SizeBytes, attachment.Sha256, now, position },
                transaction,
                cancellationToken: cancellationToken));
        }

        // /setup and STOP/START are the gateway's to answer, whoever the sender's agent is: they never reach an agent.
        string? link = null;
        var replied = false;
        var optOut = optOutOptions.Value;
        if (IsBeyondAnswerWindow(message, now))
        {
            LogBeyondAnswerWindow(logger, messageId, message.Transport);
        }
        else if (!message.IsGroup && SetupCommand.Matches(message.Text))
        {
            replied = await pairing.IssueAsync(connection, transaction, message.Transport, conversationId, message.From, messageId, now, cancellationToken);
        }
        else if (!message.IsGroup && optOut.Enabled && OptOutKeywords.StopWord(message.Text) is { } stopWord
            && !(OptOutKeywords.MayAnswerAQuestion(stopWord) && await HasWaitingQuestionAsync(connection, transaction, conversationId, cancellationToken)))
        {
            replied = await OptOutStore.AddAsync(connection, transaction, message.Transport, message.From, stopWord, now, cancellationToken)
                && await ConfirmAsync(connection, transaction, conversationId, message.Transport, $"optout:stop:{messageId}", optOut.StoppedText, now, cancellationToken);
        }
        else if (!message.IsGroup && optOut.Enabled && OptOutKeywords.StartWord(message.Text) is not null
            && await OptOutStore.RemoveAsync(connection, transaction, message.Transport, message.From, cancellationToken))
        {
            replied = await ConfirmAsync(connection, transaction, conversationId, message.Transport, $"optout:start:{messageId}", optOut.StartedText, now, cancellationToken);
        }
        else if (!message.IsGroup && await OptOutStore.IsOptedOutAsync(connection, transaction, message.Transport, message.From, cancellationToken))
        {
            // Stored for the record; no agent may answer someone who asked for no messages.
            LogOptedOut(logger, messageId, message.Transport);
        }
        else
        {
            link = await router.RouteAsync(connection, transaction, message.Transport, message.From, cancellationToken);
            if (link is not null)
            {
                await AgentQueueStore.EnqueueAsync(connection, transaction, link, conversationId, AgentQueueKinds.Message, messageId, null, now, cancellationToken);
            }
            else if (!message.IsGroup)
            {
                replied = await strangerNotice.WriteAsync(connection, transaction, conversationId, message.Transport, now, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        LogStored(logger, messageId, message.Transport, conversationId, link ?? "no one");
        LogStoredBody(logger, messageId, message.From, message.Text);
        Notify(link);
        if (replied)
        {
            outboxSignal.Notify();
        }

        return new InboxResult(messageId, Created: true);
    }

    public async Task<bool> ReceiveReactionAsync(InboundReaction reaction, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var inboxId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO inbox (transport, event_id, kind, received_at)
            VALUES (@Transport, @EventId, 'reaction', @now)
            ON CONFLICT (transport, event_id) DO NOTHING
            RETURNING id
            """,
            new { reaction.Transport, reaction.EventId, now },
            transaction,
            cancellationToken: cancellationToken));
        if (inboxId is null)
        {
            await transaction.RollbackAsync(cancellationToken);
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
        Notify(link);
        return true;
    }

    private bool IsBeyondAnswerWindow(InboundMessage message, long now) =>
        message.SentAt is { } sentAt && now - sentAt.ToUnixTimeMilliseconds() > (long)options.Value.AnswerWindow.TotalMilliseconds;

    private static Task<bool> HasWaitingQuestionAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string conversationId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM paused_turns WHERE conversation_id = @conversationId AND state = 'waiting')",
            new { conversationId },
            transaction,
            cancellationToken: cancellationToken));

    private static async Task<bool> ConfirmAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string conversationId, string transport, string key, string text, long now, CancellationToken cancellationToken)
    {
        await OutboxWriter.WriteAsync(connection, transaction, conversationId, transport, [AgentAction.Message(key, text)], now, cancellationToken);
        return true;
    }

    private void Notify(string? link)
    {
        if (link is null)
        {
            return;
        }

        agentQueueSignal.Notify();
        linkSignals.Notify(link);
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
