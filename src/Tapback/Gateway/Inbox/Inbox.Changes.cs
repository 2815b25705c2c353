using System.Data.Common;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Storage;

namespace Tapback.Gateway.Inbox;

/// <summary>
/// What the person does to a conversation besides writing in it: edits and unsends of their own
/// messages, and their typing indicator. Each is stored (edits and unsends deduplicated on the
/// transport's event id) and passed to the conversation's agent in the same transaction.
/// </summary>
internal sealed partial class Inbox
{
    /// <summary>
    /// Replaces the text of the person's message, keeping the earlier text in <c>message_edits</c>.
    /// Returns false for a repeat, an edit of a message Tapback never stored or one already unsent,
    /// and an edit that changes nothing.
    /// </summary>
    public Task<bool> ReceiveEditAsync(InboundEdit edit, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            new Change(
                edit.Transport,
                edit.EventId,
                InboxKinds.Edit,
                edit.MessageId,
                async (connection, transaction, message, now, token) =>
                {
                    if (message.Body == edit.Text)
                    {
                        return false;
                    }

                    await MessageRevisions.EditAsync(connection, transaction, message.Id, edit.Text, now, token);
                    return true;
                },
                AgentQueueKinds.MessageEdited),
            cancellationToken);

    /// <summary>
    /// Takes the person's message back: its text and earlier versions leave the store (the phone no
    /// longer shows them either); the row stays so replies and tapbacks to it still resolve.
    /// Returns false for a repeat or a message Tapback never stored or already unsent.
    /// </summary>
    public Task<bool> ReceiveUnsendAsync(InboundUnsend unsend, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            new Change(
                unsend.Transport,
                unsend.EventId,
                InboxKinds.Unsend,
                unsend.MessageId,
                async (connection, transaction, message, now, token) =>
                {
                    await MessageRevisions.UnsendAsync(connection, transaction, message.Id, now, token);
                    return true;
                },
                AgentQueueKinds.MessageUnsent),
            cancellationToken);

    /// <summary>
    /// Records the person's typing indicator on the chat's conversation and tells its agent when it
    /// changes. Returns false when nothing changed (still typing, or a chat Tapback does not know).
    /// Only a one-to-one chat's typing reaches an agent (a group's indicator names no one), and never
    /// from someone who texted STOP. At most one typing event per conversation waits for an agent:
    /// the newest state replaces one not yet delivered (<see cref="AgentQueueStore.EnqueueTypingAsync"/>).
    /// </summary>
    public async Task<bool> ReceiveTypingAsync(InboundTyping typing, CancellationToken cancellationToken = default)
    {
        var (changed, link) = await groupCommit.WriteAsync(
            (connection, transaction, token) => StoreTypingAsync(connection, transaction, typing, token),
            cancellationToken: cancellationToken);
        if (changed)
        {
            Notify(link);
        }

        return changed;
    }

    private async Task<(bool Changed, string? Link)> StoreTypingAsync(DbConnection connection, DbTransaction transaction, InboundTyping typing, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var changed = await connection.QuerySingleOrDefaultAsync<TypingConversation>(new CommandDefinition(
            """
            UPDATE conversations SET peer_typing_since = CASE WHEN @typing THEN @now ELSE NULL END
            WHERE transport = @Transport AND chat_id = @ChatId AND (peer_typing_since IS NULL) = @typing
            RETURNING id AS Id, handle AS Handle, is_group AS IsGroup
            """,
            new { typing.Transport, typing.ChatId, typing = typing.Typing, now },
            transaction,
            cancellationToken: cancellationToken));
        if (changed is not { } conversation)
        {
            return (false, null);
        }

        var link = conversation.IsGroup ? null : await RouteChangeAsync(connection, transaction, typing.Transport, conversation.Handle, isGroup: false, cancellationToken);
        if (link is not null)
        {
            var kind = typing.Typing ? AgentQueueKinds.TypingStarted : AgentQueueKinds.TypingStopped;
            await AgentQueueStore.EnqueueTypingAsync(connection, transaction, link, conversation.Id, kind, now, cancellationToken);
        }

        return (true, link);
    }

    /// <summary>
    /// An edit or unsend, in the group commit like a message: a write of its own waited in SQLite's
    /// busy handler behind the inbound batches.
    /// </summary>
    private async Task<bool> ChangeAsync(Change change, CancellationToken cancellationToken)
    {
        var (outcome, link) = await groupCommit.WriteAsync(
            (connection, transaction, token) => StoreChangeAsync(connection, transaction, change, token),
            cancellationToken: cancellationToken);
        switch (outcome)
        {
            case ChangeOutcome.Repeat:
                metrics.InboundDuplicate(change.QueueKind);
                LogDuplicate(logger, change.Transport, change.EventId);
                return false;
            case ChangeOutcome.Ignored:
                LogChangeIgnored(logger, change.QueueKind, change.MessageId, change.Transport);
                return false;
        }

        metrics.InboundStored(change.QueueKind);
        Notify(link);
        return true;
    }

    private async Task<(ChangeOutcome Outcome, string? Link)> StoreChangeAsync(DbConnection connection, DbTransaction transaction, Change change, CancellationToken cancellationToken)
    {
        var (transport, eventId, inboxKind, messageId, apply, queueKind) = change;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var inboxId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO inbox (transport, event_id, kind, message_id, received_at)
            VALUES (@transport, @eventId, @inboxKind, @messageId, @now)
            ON CONFLICT (transport, event_id) DO NOTHING
            RETURNING id
            """,
            new { transport, eventId, inboxKind, messageId, now },
            transaction,
            cancellationToken: cancellationToken));
        if (inboxId is null)
        {
            return (ChangeOutcome.Repeat, null);
        }

        // Only the person's own messages on this transport, and not one already taken back. The inbox
        // row stays either way, so a redelivery of an event that changed nothing is still a repeat.
        var message = await connection.QuerySingleOrDefaultAsync<StoredMessage>(new CommandDefinition(
            $"""
            SELECT {ConversationReader.MessageColumns} FROM messages
            WHERE id = @messageId AND direction = '{MessageDirections.Inbound}' AND unsent_at IS NULL
              AND conversation_id IN (SELECT id FROM conversations WHERE transport = @transport)
            """,
            new { messageId, transport },
            transaction,
            cancellationToken: cancellationToken));
        if (message is null || !await apply(connection, transaction, message, now, cancellationToken))
        {
            return (ChangeOutcome.Ignored, null);
        }

        // Routed as the message itself was: by its sender, and a one-to-one change of someone who texted STOP reaches no one.
        var isGroup = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT is_group FROM conversations WHERE id = @ConversationId", new { message.ConversationId }, transaction, cancellationToken: cancellationToken));
        var link = await RouteChangeAsync(connection, transaction, transport, message.Sender, isGroup, cancellationToken);
        if (link is not null)
        {
            await AgentQueueStore.EnqueueAsync(connection, transaction, link, message.ConversationId, queueKind, message.Id, reactionId: null, now, cancellationToken);
        }

        return (ChangeOutcome.Stored, link);
    }

    /// <summary>An edit or unsend as the inbox stores it: its event, the message it changes, how, and what the agent hears.</summary>
    private sealed record Change(
        string Transport,
        string EventId,
        string InboxKind,
        string MessageId,
        Func<DbConnection, DbTransaction, StoredMessage, long, CancellationToken, Task<bool>> Apply,
        string QueueKind);

    private enum ChangeOutcome
    {
        Stored,
        Ignored,
        Repeat,
    }

    private async Task<string?> RouteChangeAsync(DbConnection connection, DbTransaction transaction, string transport, string from, bool isGroup, CancellationToken cancellationToken)
    {
        if (isGroup)
        {
            return await router.RouteAsync(connection, transaction, transport, from, cancellationToken);
        }

        var (optedOut, link) = await router.RouteOneToOneAsync(connection, transaction, transport, from, cancellationToken);
        return optedOut ? null : link;
    }

    private sealed record TypingConversation
    {
        public string Id { get; init; } = string.Empty;
        public string Handle { get; init; } = string.Empty;
        public bool IsGroup { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbound {Kind} of message {MessageId} on {Transport} changed nothing (a message Tapback did not store, already unsent, or the same text).")]
    private static partial void LogChangeIgnored(ILogger logger, string kind, string messageId, string transport);
}
