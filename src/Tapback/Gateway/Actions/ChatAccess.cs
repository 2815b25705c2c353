using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Transports;
using Tapback.Messaging;
using Tapback.Messaging.Handles;

namespace Tapback.Gateway.Actions;

/// <summary>
/// Which chats a caller may touch: an integration's are the one-to-one chat with its paired phone and
/// the groups that phone wrote in (<see cref="IntegrationChats"/> decides); the built-in agent's is its
/// turn's. Unknown ids are <see cref="RefusalKind.NotFound"/>, and so are another integration's, in the
/// same words, so an id tells a caller nothing about other integrations. The operator reaches every
/// conversation, by its id.
/// Every surface, for acting and for reading, asks here.
/// </summary>
internal sealed class ChatAccess(ConversationReader conversations, IntegrationChats integrationChats, TransportRegistry transports)
{
    /// <summary>The chat a request names: the paired phone (opening its one-to-one chat), or a conversation id.</summary>
    public async Task<ChatLookup> ResolveAsync(ActionCaller caller, ChatRef chat, CancellationToken cancellationToken)
    {
        if (chat.Any is { Length: > 0 } any)
        {
            var byId = await conversations.FindAsync(any, cancellationToken);
            if (byId is not null)
            {
                return await AuthoriseAsync(caller, byId, any, cancellationToken);
            }

            return HandleNormalizer.TryNormalize(any, out _) ? await OpenAsync(caller, any, cancellationToken) : new() { Refusal = UnknownChat(caller, any) };
        }

        if (chat.ConversationId is { Length: > 0 } conversationId)
        {
            var conversation = await conversations.FindAsync(conversationId, cancellationToken);
            return conversation is null
                ? new() { Refusal = UnknownChat(caller, conversationId) }
                : await AuthoriseAsync(caller, conversation, conversationId, cancellationToken);
        }

        return chat.To is { Length: > 0 } to ? await OpenAsync(caller, to, cancellationToken) : new() { Refusal = Refusals.NoChatNamed() };
    }

    /// <summary>A message in one of the caller's chats, with its chat.</summary>
    public async Task<ChatLookup> FindMessageAsync(ActionCaller caller, string messageId, CancellationToken cancellationToken)
    {
        var message = await conversations.FindMessageAsync(messageId, cancellationToken);
        var conversation = message is null ? null : await conversations.FindAsync(message.ConversationId, cancellationToken);
        if (message is null || conversation is null)
        {
            return new() { Refusal = Refusals.UnknownMessage(messageId) };
        }

        return await BelongsAsync(caller, conversation, cancellationToken)
            ? new() { Conversation = conversation, Message = message }
            : new() { Refusal = caller.Integration is null ? Refusals.NotInTurn() : Refusals.UnknownMessage(messageId) };
    }

    public TransportCapabilities Capabilities(Conversation conversation) =>
        transports.CapabilitiesOf(conversation.Transport);

    public TransportCapabilities Capabilities(string transport) =>
        transports.CapabilitiesOf(transport);

    private async Task<ChatLookup> AuthoriseAsync(ActionCaller caller, Conversation conversation, string named, CancellationToken cancellationToken) =>
        await BelongsAsync(caller, conversation, cancellationToken)
            ? new() { Conversation = conversation }
            : new() { Refusal = caller.Integration is null ? Refusals.NotInTurn() : Refusals.UnknownChat(named) };

    private async Task<bool> BelongsAsync(ActionCaller caller, Conversation conversation, CancellationToken cancellationToken) =>
        caller.Integration is { } integration
            ? await integrationChats.BelongsAsync(integration, conversation, cancellationToken)
            : caller.IsOperator || caller.Turn?.Id == conversation.Id;

    /// <summary>The paired phone's one-to-one chat on the transport it paired on (<see cref="IntegrationChats.OpenWithPhoneAsync"/>), created if the agent texts first.</summary>
    private async Task<ChatLookup> OpenAsync(ActionCaller caller, string to, CancellationToken cancellationToken)
    {
        if (!HandleNormalizer.TryNormalize(to, out var handle))
        {
            return new() { Refusal = Refusals.NotAHandle(to) };
        }

        if (caller.IsOperator)
        {
            return new() { Refusal = Refusals.OperatorNamesConversation(to) };
        }

        if (caller.Integration is not { } integration)
        {
            return caller.Turn is { IsGroup: false } turn && turn.Handle == handle ? new() { Conversation = turn } : new() { Refusal = Refusals.NotInTurn() };
        }

        return await integrationChats.OpenWithPhoneAsync(integration, handle, cancellationToken) is { } own
            ? new() { Conversation = own }
            : new() { Refusal = Refusals.OtherPhone(to) };
    }

    private static ActionResult.Refused UnknownChat(ActionCaller caller, string named) =>
        caller.IsOperator ? Refusals.OperatorNamesConversation(named) : Refusals.UnknownChat(named);
}
