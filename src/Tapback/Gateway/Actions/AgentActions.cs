using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;
using Tapback.Storage;

namespace Tapback.Gateway.Actions;

/// <summary>
/// Everything an agent can do in a chat, once for every surface (the WebSocket, REST, MCP and the
/// built-in agent's tools): resolve and authorise the chat, check the transport can do it, apply the
/// one idempotency rule (<see cref="ActionKeys"/>), plan bubbles, write outbox rows, and answer with an
/// <see cref="ActionResult"/> the surface turns into its own wire format.
/// </summary>
internal sealed partial class AgentActions(
    ChatAccess chats, ActionKeys keys, SendLimits limits, SendSchedule schedule, SendFiles files, BubblePlanner planner, OutboxWriter outbox, OutboxStore outboxStore, ConversationReader conversations,
    HandleLookups lookups, ContactCards.AgentContactCards cards)
{
    public async Task<ActionResult> SendAsync(ActionCaller caller, SendCommand send, CancellationToken cancellationToken = default)
    {
        if (limits.Check(send) is { } tooMuchOrNothing)
        {
            return tooMuchOrNothing;
        }

        if (schedule.Check(send.SendAt) is { } badTime)
        {
            return badTime;
        }

        var fingerprint = ActionFingerprint.Of(send);
        if (send.IdempotencyKey is { } idempotencyKey && await RepeatAsync(caller, idempotencyKey, fingerprint, send.ClientMessageId, cancellationToken) is { } repeat)
        {
            return repeat;
        }

        var (conversation, _, refusal) = await chats.ResolveAsync(caller, send.Chat, cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        var capabilities = chats.Capabilities(conversation);
        if (send.Files.Count > 0 && !capabilities.Attachments)
        {
            return Refusals.NoFiles(conversation.Transport);
        }

        if (await CheckExtrasAsync(caller, conversation, capabilities, send, cancellationToken) is { } extrasRefused)
        {
            return extrasRefused;
        }

        if (send.ContactCard && !ContactCards.AgentContactCards.Carries(capabilities))
        {
            return Refusals.NoContactCards(conversation.Transport);
        }

        var key = caller.OutboxKey("send", Claim(send.IdempotencyKey));
        var (stored, fetchRefusal) = await files.StoreAsync(key, send.Files, send.AllowPrivateFileUrls, cancellationToken);
        if (fetchRefusal is not null)
        {
            return fetchRefusal;
        }

        if (send.ContactCard)
        {
            var card = await cards.BuildAsync(Ids.Derived("att", key, "card"), caller.Integration?.Settings.BotName, conversation.Transport, conversation.ChatId, cancellationToken);
            if (card is null)
            {
                return Refusals.NoCardNumber(conversation.Transport);
            }

            stored = [.. stored, card];
        }

        var planned = send.Split is { } pace
            ? planner.Plan(key, send.Text, pace with { Typing = capabilities.Typing, TypingShown = false }, stored)
            : [AgentAction.Message(key, send.Text) with { Attachments = stored }];
        // Each bubble reports its outcome to the integration: its socket and webhooks hear message.sent / message.failed.
        var actions = WithExtras(send, planned
            .Select(action => action.Kind == AgentActionKind.Message ? action with { ReportTo = caller.ReportTo, ClientMessageId = send.ClientMessageId } : action)
            .Select(action => action with { DueAt = send.SendAt })
            // The operator replying by hand is a person at the number, not an agent: the governor holds no reply of theirs (docs/governor.md).
            .Select(action => action with { GovernorExempt = caller.IsOperator })
            .ToList());
        var written = await WriteAsync(caller, conversation, actions, send.IdempotencyKey, fingerprint, send.ClientMessageId, cancellationToken);
        return send.SendAt is not null && written is ActionResult.Accepted { Duplicate: false } scheduled ? scheduled with { As = AcceptedAs.Scheduled } : written;
    }

    public async Task<ActionResult> ReactAsync(ActionCaller caller, ReactCommand react, CancellationToken cancellationToken = default)
    {
        var fingerprint = ActionFingerprint.Of(react);
        if (react.IdempotencyKey is { } idempotencyKey && await RepeatAsync(caller, idempotencyKey, fingerprint, clientMessageId: null, cancellationToken) is { } repeat)
        {
            return repeat;
        }

        var (conversation, message, refusal) = await chats.FindMessageAsync(caller, react.MessageId, cancellationToken);
        if (conversation is null || message is null)
        {
            return refusal!;
        }

        if (!chats.Capabilities(conversation).TapbacksSent)
        {
            return Refusals.NoTapbacks(conversation.Transport);
        }

        var key = caller.OutboxKey("react", caller.Integration is null
            ? Claim(react.IdempotencyKey)
            : $"{message.Id}:{(react.Remove ? "-" : "+")}{react.Reaction.ToWire()}:{Claim(react.IdempotencyKey)}");
        var result = await WriteAsync(caller, conversation, [AgentAction.React(key, message.Id, react.Reaction, react.Remove)], react.IdempotencyKey, fingerprint, clientMessageId: null, cancellationToken);
        return result is ActionResult.Accepted accepted ? accepted with { MessageIds = [message.Id] } : result;
    }

    public async Task<ActionResult> TypingAsync(ActionCaller caller, TypingCommand typing, CancellationToken cancellationToken = default)
    {
        var (conversation, _, refusal) = await chats.ResolveAsync(caller, typing.Chat, cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        if (!chats.Capabilities(conversation).Typing)
        {
            return Refusals.NoTyping(conversation.Transport);
        }

        // Showing the indicator twice is harmless, so each change is a row of its own.
        var key = caller.OutboxKey("typing", $"{(typing.On ? "on" : "off")}:{Ids.NewKey()}");
        await outbox.WriteAsync(conversation, [AgentAction.Typing(key, typing.On)], cancellationToken: cancellationToken);
        return new ActionResult.Accepted(conversation.Id, [], [key]);
    }

    public async Task<ActionResult> MarkReadAsync(ActionCaller caller, MarkReadCommand read, CancellationToken cancellationToken = default)
    {
        var (conversation, message, refusal) = read.MessageId is { } messageId
            ? await chats.FindMessageAsync(caller, messageId, cancellationToken)
            : await chats.ResolveAsync(caller, read.Chat ?? new ChatRef(), cancellationToken);
        if (conversation is null)
        {
            return refusal!;
        }

        if (message is { IsInbound: false })
        {
            return Refusals.OutboundRead(message.Id);
        }

        if (!chats.Capabilities(conversation).ReadReceipts)
        {
            return Refusals.NoReadReceipts(conversation.Transport);
        }

        var upTo = message?.Id ?? await conversations.LastInboundIdAsync(conversation.Id, cancellationToken);
        if (upTo is null)
        {
            // The person has not written yet: nothing to mark read, and nothing refused.
            return new ActionResult.Accepted(conversation.Id, [], []);
        }

        // Keyed by the message: reading up to the same message twice marks it once.
        var key = caller.OutboxKey("read", upTo);
        await outbox.WriteAsync(conversation, [AgentAction.MarkRead(key, upTo)], cancellationToken: cancellationToken);
        return new ActionResult.Accepted(conversation.Id, [upTo], [key]);
    }

    /// <summary>
    /// A send repeated under its key answers with the first send's rows, whichever surface made them (a
    /// key is the integration's, not a surface's). A caller that listens for outcomes may have lost the
    /// first report in a crash: if the send has finished it hears it once more; if not, its one report is still to come.
    /// </summary>
    private async Task<ActionResult> SentAgainAsync(ActionResult.Accepted first, string? clientMessageId, CancellationToken cancellationToken)
    {
        var outboxKeys = await outboxStore.KeysOfMessagesAsync(first.MessageIds, cancellationToken);
        if (clientMessageId is not null)
        {
            foreach (var outboxKey in outboxKeys)
            {
                await outboxStore.ReportAgainAsync(outboxKey, clientMessageId, cancellationToken);
            }
        }

        return first with { OutboxKeys = outboxKeys };
    }

    /// <summary>
    /// The first result again for a key used before with the same request (a send's caller hearing its
    /// report again); a conflict for another request; null for a key not remembered (never used, or
    /// forgotten after <c>Tapback:Actions:KeyRetention</c>).
    /// </summary>
    private async Task<ActionResult?> RepeatAsync(
        ActionCaller caller, string idempotencyKey, string fingerprint, string? clientMessageId, CancellationToken cancellationToken)
    {
        if (await keys.FindAsync(caller.Scope, idempotencyKey, cancellationToken) is not { } remembered)
        {
            return null;
        }

        return remembered.Fingerprint == fingerprint
            ? await SentAgainAsync(new ActionResult.Accepted(remembered.ConversationId, remembered.MessageIds, [], Duplicate: true), clientMessageId, cancellationToken)
            : Refusals.KeyReused();
    }

    /// <summary>
    /// The outbox key's detail for one claim of an action: the caller's key (kept readable in the row)
    /// and a part of its own. Exactly-once within the retention window is the action_keys row's job
    /// (written in the same transaction); were the outbox key only the caller's key, a key forgotten
    /// after the window and used again would meet the old rows (which OutboxWriter reuses) and send nothing.
    /// </summary>
    private static string Claim(string? idempotencyKey) =>
        idempotencyKey is null ? Ids.NewKey() : $"{idempotencyKey}:{Ids.NewKey()}";

    private async Task<ActionResult> WriteAsync(
        ActionCaller caller,
        Conversation conversation,
        IReadOnlyList<AgentAction> actions,
        string? idempotencyKey,
        string fingerprint,
        string? clientMessageId,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? rememberAs = null)
    {
        try
        {
            var messageIds = await outbox.WriteAsync(
                conversation,
                actions,
                completeQueueSeqs: null,
                alsoWrite: idempotencyKey is null
                    ? null
                    : write => ActionKeys.RememberAsync(
                        write.Connection, write.Transaction, caller.Scope, idempotencyKey, fingerprint, conversation.Id, rememberAs ?? write.MessageIds, write.Now, write.CancellationToken),
                cancellationToken);
            return new ActionResult.Accepted(conversation.Id, messageIds, [.. actions.Select(action => action.Key)]);
        }
        catch (ActionKeys.KeyTakenException)
        {
            // A racing request with the same key committed first: answer as its repeat, the same way a later repeat is answered.
            return await RepeatAsync(caller, idempotencyKey!, fingerprint, clientMessageId, cancellationToken) ?? Refusals.KeyReused();
        }
    }
}
