using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;

namespace Tapback.Gateway.Actions;

/// <summary>
/// An agent's second thoughts about a message it sent. A send still waiting to go (scheduled, or
/// queued and not yet taken by a worker) is rewritten or cancelled in place, on any transport: the
/// person never saw it. A sent one is edited or unsent through the transport, where it can, within
/// Apple's windows (<see cref="MessageChangeWindows"/>). One being handed over right now is a
/// conflict: its <c>message.sent</c> comes first.
/// </summary>
internal sealed partial class AgentActions
{
    public async Task<ActionResult> EditAsync(ActionCaller caller, EditCommand edit, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(edit.Text))
        {
            return Refusals.NothingToEdit();
        }

        if (edit.Text.Length > limits.MaxBodyLength)
        {
            return Refusals.TooLong(edit.Text.Length, limits.MaxBodyLength);
        }

        var fingerprint = ActionFingerprint.Of(edit);
        if (edit.IdempotencyKey is { } idempotencyKey && await RepeatAsync(caller, idempotencyKey, fingerprint, clientMessageId: null, cancellationToken) is { } repeat)
        {
            return repeat;
        }

        var (conversation, message, refusal) = await OwnMessageAsync(caller, edit.MessageId, cancellationToken);
        if (conversation is null || message is null)
        {
            return refusal!;
        }

        var send = await outboxStore.SendOfAsync(message.Id, cancellationToken);
        if (message.UnsentAt is not null || send.Unsent)
        {
            return Refusals.AlreadyUnsent(message.Id);
        }

        if (Waiting(send, message) is { } waiting)
        {
            return waiting ? await ReviseAsync(caller, conversation, message, edit, fingerprint, cancellationToken) : Refusals.BeingSent(message.Id);
        }

        if (NotSent(send, message))
        {
            return Refusals.NeverSent(message.Id);
        }

        if (!chats.Capabilities(conversation).Edits)
        {
            return Refusals.NoEdits(conversation.Transport);
        }

        if (schedule.Since(send.SentAt ?? message.CreatedAt) > MessageChangeWindows.Edit)
        {
            return Refusals.EditWindowClosed(message.Id);
        }

        if (send.Edits >= MessageChangeWindows.MaxEdits)
        {
            return Refusals.TooManyEdits(message.Id);
        }

        var action = AgentAction.Edit(caller.OutboxKey("edit", Claim(edit.IdempotencyKey)), message.Id, edit.Text)
            with { ReportTo = caller.ReportTo, ClientMessageId = edit.ClientMessageId };
        var result = await WriteAsync(caller, conversation, [action], edit.IdempotencyKey, fingerprint, clientMessageId: null, cancellationToken, rememberAs: [message.Id]);
        return result is ActionResult.Accepted { Duplicate: false } accepted ? accepted with { MessageIds = [message.Id] } : result;
    }

    public async Task<ActionResult> UnsendAsync(ActionCaller caller, UnsendCommand unsend, CancellationToken cancellationToken = default)
    {
        var (conversation, message, refusal) = await OwnMessageAsync(caller, unsend.MessageId, cancellationToken);
        if (conversation is null || message is null)
        {
            return refusal!;
        }

        var send = await outboxStore.SendOfAsync(message.Id, cancellationToken);
        if (message.UnsentAt is not null || send.Unsent || send.State == OutboxStates.Cancelled)
        {
            // Taking back what is already taken back is done: DELETE is idempotent.
            return new ActionResult.Accepted(conversation.Id, [message.Id], [], Duplicate: true);
        }

        if (Waiting(send, message) is { } waiting)
        {
            return waiting && await outboxStore.CancelAsync(message.Id, cancellationToken)
                ? new ActionResult.Accepted(conversation.Id, [message.Id], []) { As = AcceptedAs.Cancelled }
                : Refusals.BeingSent(message.Id);
        }

        if (NotSent(send, message))
        {
            return Refusals.NeverSent(message.Id);
        }

        if (!chats.Capabilities(conversation).Unsends)
        {
            return Refusals.NoUnsends(conversation.Transport);
        }

        if (schedule.Since(send.SentAt ?? message.CreatedAt) > MessageChangeWindows.Unsend)
        {
            return Refusals.UnsendWindowClosed(message.Id);
        }

        // Keyed by the message and the unsends tried before: two requests at once write one row, and
        // one after a failed unsend tries again.
        var key = caller.OutboxKey("unsend", $"{message.Id}:{send.UnsendRows}");
        await outbox.WriteAsync(conversation, [AgentAction.Unsend(key, message.Id) with { ReportTo = caller.ReportTo }], cancellationToken: cancellationToken);
        return new ActionResult.Accepted(conversation.Id, [message.Id], [key]);
    }

    /// <summary>The message in one of the caller's chats, refused when the person sent it.</summary>
    private async Task<ChatLookup> OwnMessageAsync(ActionCaller caller, string messageId, CancellationToken cancellationToken)
    {
        var found = await chats.FindMessageAsync(caller, messageId, cancellationToken);
        return found.Message is { IsInbound: true } inbound ? new() { Refusal = Refusals.NotOwnMessage(inbound.Id) } : found;
    }

    /// <summary>
    /// Null when the send is past waiting (gone, or ended); true while it waits and may be changed in
    /// place; false while a worker holds it or hands it to the transport.
    /// </summary>
    private static bool? Waiting(OutboxStore.MessageSend send, StoredMessage message) => send.State switch
    {
        // A held send is open but no worker holds it: it waits like a scheduled one, and changes in place.
        OutboxStates.Scheduled or OutboxStates.Held => true,
        OutboxStates.Queued => !send.Leased,
        OutboxStates.InFlight or OutboxStates.Reconciling => false,
        null when message.State is MessageStates.Queued or MessageStates.Scheduled or MessageStates.Held => false,
        _ => null,
    };

    private static bool NotSent(OutboxStore.MessageSend send, StoredMessage message) =>
        send.State is OutboxStates.Failed or OutboxStates.Unknown or OutboxStates.Cancelled
        || message.State is MessageStates.Failed or MessageStates.Unknown or MessageStates.Cancelled;

    /// <summary>An edit of a send still waiting: its text is rewritten, and the key remembered with it.</summary>
    private async Task<ActionResult> ReviseAsync(
        ActionCaller caller, Conversation conversation, StoredMessage message, EditCommand edit, string fingerprint, CancellationToken cancellationToken)
    {
        try
        {
            var revised = await outboxStore.ReviseUnsentAsync(
                message.Id,
                edit.Text,
                edit.IdempotencyKey is not { } idempotencyKey
                    ? null
                    : write => ActionKeys.RememberAsync(
                        write.Connection, write.Transaction, caller.Scope, idempotencyKey, fingerprint, conversation.Id, write.MessageIds, write.Now, write.CancellationToken),
                cancellationToken);
            return revised ? new ActionResult.Accepted(conversation.Id, [message.Id], []) { As = AcceptedAs.Revised } : Refusals.BeingSent(message.Id);
        }
        catch (ActionKeys.KeyTakenException)
        {
            return await RepeatAsync(caller, edit.IdempotencyKey!, fingerprint, clientMessageId: null, cancellationToken) ?? Refusals.KeyReused();
        }
    }
}
