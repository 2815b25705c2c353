using System.Data.Common;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.OptOut;
using Tapback.Gateway.Pairing;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Inbox;

/// <summary>The write of one inbound message, run inside a group commit's transaction.</summary>
internal sealed partial class Inbox
{
    /// <summary>
    /// What a message's write touches beyond rows of its own (<see cref="GroupCommit.WriteAsync{T}(Func{DbConnection, DbTransaction, CancellationToken, Task{T}}, Action{T}?, IReadOnlyList{string}?, CancellationToken)"/>):
    /// its event id (deduplication), its conversation (conversation row, messages, held sends, pause,
    /// queue rows, outbox) and its sender's phone on every transport (opt-out, pairing codes, routing).
    /// Messages sharing none of these are written side by side on PostgreSQL; the others in order.
    /// </summary>
    private static string[] OrderedBy(InboundMessage message) =>
    [
        $"inbox-event\n{message.Transport}\n{message.EventId}",
        $"conversation\n{message.Transport}\n{message.ChatId}",
        $"phone\n{message.From}",
    ];

    /// <summary>
    /// Deduplicates, stores and routes one message in the caller's transaction. Never rolls back: a
    /// repeat writes nothing, and a failure throws so the group commit undoes this message alone.
    /// </summary>
    private async Task<StoredInbound> StoreMessageAsync(DbConnection connection, DbTransaction transaction, InboundMessage message, InboxCompanionWrite? companion, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var messageId = message.MessageId ?? Ids.New("msg");

        // Statements that need nothing from each other are started together: on PostgreSQL's
        // interleaved batch they go to the server in one round trip (GroupCommit.Interleaved.cs); on
        // the other paths each runs at once, in the order started (a failure is reported as the first
        // that failed: StartedTogether). Overlapped, the ones started first
        // are PreparedStatements only, and at most the last one started may run anything else
        // (a Dapper call must not start while another statement of the connection is running).
        // The route reads only the opt-out and the sender's integration, which nothing before it in
        // this unit writes: a message that will be routed asks for it beside the inbox row (on a repeat,
        // a read wasted).
        var optOut = optOutOptions.Value;
        var route = RoutesPlainly(message, now, optOut) ? RouteAsync(connection, transaction, message, cancellationToken) : null;
        var inboxId = await StartedTogether.AfterAsync(route, PreparedStatements.ScalarAsync<long?>(
            connection,
            transaction,
            $"""
            INSERT INTO inbox (transport, event_id, kind, message_id, received_at)
            VALUES (@transport, @eventId, '{InboxKinds.Message}', @messageId, @now)
            ON CONFLICT (transport, event_id) DO NOTHING
            RETURNING id
            """,
            cancellationToken,
            ("@transport", message.Transport),
            ("@eventId", message.EventId),
            ("@messageId", messageId),
            ("@now", now)));
        if (inboxId is null)
        {
            // Seen before, perhaps earlier in this very batch: the same transaction sees that row.
            var existing = await PreparedStatements.ScalarAsync<string>(
                connection,
                transaction,
                "SELECT message_id FROM inbox WHERE transport = @transport AND event_id = @eventId",
                cancellationToken,
                ("@transport", message.Transport),
                ("@eventId", message.EventId));
            return new StoredInbound(existing!, Created: false);
        }

        var upsert = ConversationWriter.UpsertAsync(
            connection, transaction, message.Transport, message.ChatId, message.IsGroup ? message.ChatId : message.From, message.IsGroup, message.ChatName, now, cancellationToken);

        // A message routed plainly takes the last branch below, and its route has run beside the inbox
        // row: its integration's webhook subscriptions are read now, beside the conversation's upsert,
        // and its queue row is written beside the message (below), not each in a round of its own after it.
        var routedTo = route is { IsCompletedSuccessfully: true } && route.Result is (false, { } plainLink) ? plainLink : null;
        var subscriptions = routedTo is null ? null : WebhookFanOut.LookUp(connection, transaction, routedTo, cancellationToken);
        if (companion is not null)
        {
            await StartedTogether.AfterAsync(upsert, companion.WriteAsync(connection, transaction, cancellationToken));
        }

        var conversationId = await upsert;

        // Read in the upsert's round (its result is handed over after the upsert's, within that round).
        var heard = subscriptions is null ? null : await StartedTogether.AfterAsync(upsert, subscriptions);
        var insertMessage = PreparedStatements.ExecuteAsync(
            connection,
            transaction,
            $"""
            INSERT INTO messages (id, conversation_id, direction, sender, body, state, reply_to, effect, service, created_at, updated_at)
            VALUES (@messageId, @conversationId, '{MessageDirections.Inbound}', @from, @text, '{MessageStates.Received}', @replyTo, @effect, @service, @now, @now)
            """,
            cancellationToken,
            ("@messageId", messageId),
            ("@conversationId", conversationId),
            ("@from", message.From),
            ("@text", message.Text),
            ("@replyTo", message.ReplyTo),
            ("@effect", message.Effect?.ToWire()),
            ("@service", message.Service),
            ("@now", now));
        var hasFiles = message.Attachments.Count > 0 || message.LateFiles.Count > 0;
        if (hasFiles)
        {
            // The files' rows (Dapper) name the message: written after it, before the observers run.
            await insertMessage;
            await AttachmentRows.InsertAsync(connection, transaction, messageId, message.Attachments, (attachment, _) => attachment.Id, now, cancellationToken);
            if (message.LateFiles.Count > 0)
            {
                await PendingAttachmentRows.InsertAsync(connection, transaction, message.Transport, messageId, message.LateFiles, now, cancellationToken);
            }
        }

        // The queue row of a message routed plainly reads nothing the message's insert writes: started
        // beside it. Only when no webhook subscription came back (or the link is no integration's): then
        // the queue row is its one statement, where webhook deliveries are written by calls that must not
        // start while another statement of the connection runs (the observers' below); those are
        // written after the message, as before. The queue's order is the order rows are written in,
        // which the batch keeps for the units of one conversation whichever round each row goes in.
        var enqueue = routedTo is not null && heard is not { Count: > 0 }
            ? AgentQueueStore.EnqueueAsync(connection, transaction, routedTo, conversationId, AgentQueueKinds.Message, messageId, null, null, now, cancellationToken, subscriptions)
            : null;
        var before = enqueue is null ? insertMessage : Task.WhenAll(insertMessage, enqueue);

        // Whatever the message turns out to be, the person wrote: the features watching for that act in
        // this transaction (beside the message's insert, which they do not read).
        var released = false;
        foreach (var observer in inboundObservers)
        {
            released |= await StartedTogether.AfterAsync(before, observer.PersonWroteAsync(connection, transaction, message.Transport, conversationId, now, cancellationToken));
        }

        await insertMessage;

        // /setup and STOP/START are the gateway's to answer, whoever the sender's agent is: they never reach an agent.
        string? link = null;
        var replied = false;
        var webhooks = false;
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
        else
        {
            bool optedOut;
            (optedOut, link) = await (route ?? RouteAsync(connection, transaction, message, cancellationToken));

            if (optedOut)
            {
                // Stored for the record; no agent may answer someone who asked for no messages.
                LogOptedOut(logger, messageId, message.Transport);
            }
            else if (link is not null)
            {
                webhooks = await (enqueue ?? AgentQueueStore.EnqueueAsync(connection, transaction, link, conversationId, AgentQueueKinds.Message, messageId, null, null, now, cancellationToken, subscriptions));
                foreach (var watch in watches)
                {
                    webhooks |= await watch.WatchAsync(connection, transaction, new WatchedInbound(conversationId, messageId, message.Transport, message.IsGroup, link, now), cancellationToken);
                }
            }
            else if (!message.IsGroup)
            {
                replied = await strangerNotice.WriteAsync(connection, transaction, conversationId, message.Transport, now, cancellationToken);
            }
        }

        // Replied wakes the dispatcher after the commit: for the gateway's answer, or for sends released above.
        return new StoredInbound(messageId, Created: true, conversationId, link, replied || released, webhooks);
    }

    /// <summary>
    /// True when the message will certainly reach the router: within the answer window and, in a
    /// one-to-one chat, neither <c>/setup</c> nor an opt-out keyword (the gateway's to answer). A START
    /// that removes nothing is routed too, by the branch that looks.
    /// </summary>
    private bool RoutesPlainly(InboundMessage message, long now, OptOutOptions optOut) =>
        !IsBeyondAnswerWindow(message, now)
        && (message.IsGroup
            || (!SetupCommand.Matches(message.Text)
                && !(optOut.Enabled && (OptOutKeywords.StopWord(message.Text) is not null || OptOutKeywords.StartWord(message.Text) is not null))));

    /// <summary>Where the message goes, and whether its sender opted out (in a group the router does not ask).</summary>
    private async Task<(bool OptedOut, string? Link)> RouteAsync(DbConnection connection, DbTransaction transaction, InboundMessage message, CancellationToken cancellationToken) =>
        message.IsGroup
            ? (false, await router.RouteAsync(connection, transaction, message.Transport, message.From, cancellationToken))
            : await router.RouteOneToOneAsync(connection, transaction, message.Transport, message.From, cancellationToken);
}
