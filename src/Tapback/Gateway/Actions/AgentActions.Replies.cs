using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;

namespace Tapback.Gateway.Actions;

/// <summary>A send's inline reply and effect: checked against the chat and its transport, then carried on the bubbles.</summary>
internal sealed partial class AgentActions
{
    /// <summary>
    /// Refuses a reply or an effect the chat's transport cannot carry (rather than sending without it, so
    /// the caller never believes it answered in thread when it did not), and a reply to a message the
    /// caller may not see, to one in another chat, or to one that was unsent.
    /// </summary>
    private async Task<ActionResult.Refused?> CheckExtrasAsync(
        ActionCaller caller, Conversation conversation, TransportCapabilities capabilities, SendCommand send, CancellationToken cancellationToken)
    {
        if (send.ReplyTo is not null && !capabilities.Replies)
        {
            return Refusals.NoReplies(conversation.Transport);
        }

        if (send.Effect is not null && !capabilities.Effects)
        {
            return Refusals.NoEffects(conversation.Transport);
        }

        if (send.ReplyTo is not { } replyTo)
        {
            return null;
        }

        var (_, target, refusal) = await chats.FindMessageAsync(caller, replyTo, cancellationToken);
        if (target is null)
        {
            return refusal;
        }

        if (target.ConversationId != conversation.Id)
        {
            return Refusals.ReplyElsewhere(replyTo);
        }

        return target.UnsentAt is not null ? Refusals.ReplyToUnsent(replyTo) : null;
    }

    /// <summary>
    /// Every bubble of a split send answers the same message, as a person typing on in an open thread
    /// does, so the whole answer stays in the thread; the effect plays once, on the first bubble, as a
    /// person sends one message with it.
    /// </summary>
    private static List<AgentAction> WithExtras(SendCommand send, List<AgentAction> actions)
    {
        if (send.ReplyTo is null && send.Effect is null)
        {
            return actions;
        }

        var first = actions.FindIndex(action => action.Kind == AgentActionKind.Message);
        return [.. actions.Select((action, index) => action.Kind != AgentActionKind.Message
            ? action
            : action with { ReplyTo = send.ReplyTo, Effect = index == first ? send.Effect : null })];
    }
}
