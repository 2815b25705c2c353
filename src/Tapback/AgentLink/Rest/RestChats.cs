using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;
using Tapback.Messaging;
using Tapback.Messaging.Handles;
using Tapback.Gateway.Transports;

namespace Tapback.AgentLink.Rest;

/// <summary>
/// The REST answers to which chats an integration may touch (<see cref="IntegrationChats"/> decides):
/// unknown ids are 404; someone else's are 403.
/// </summary>
internal sealed class RestChats(ConversationReader conversations, IntegrationChats integrationChats, TransportRegistry transports)
{
    /// <summary>The chat a send or a typing change names: <c>to</c> (the paired phone) or <c>conversation_id</c>.</summary>
    public async Task<ChatLookup> ResolveAsync(Integration integration, string? to, string? conversationId, CancellationToken cancellationToken)
    {
        if (conversationId is { Length: > 0 })
        {
            var conversation = await conversations.FindAsync(conversationId, cancellationToken);
            if (conversation is null)
            {
                return new() { Problem = RestProblems.NotFound($"No conversation '{conversationId}'; list yours with GET /v2/conversations.") };
            }

            return await BelongsAsync(integration, conversation, cancellationToken)
                ? new() { Conversation = conversation }
                : new() { Problem = RestProblems.Forbidden($"Conversation '{conversationId}' is not one of this integration's chats.") };
        }

        if (to is not { Length: > 0 })
        {
            return new() { Problem = RestProblems.BadRequest("Name the chat: 'to' (the paired phone number, E.164) or 'conversation_id'.") };
        }

        if (!HandleNormalizer.TryNormalize(to, out var handle))
        {
            return new() { Problem = RestProblems.BadRequest($"'to' is '{to}', which is not a phone number or email handle; send E.164, e.g. +15551234567.") };
        }

        return await integrationChats.OpenWithPhoneAsync(integration, handle, cancellationToken) is { } own
            ? new() { Conversation = own }
            : new() { Problem = RestProblems.Forbidden("'to' is not this integration's paired phone; a token reaches only the phone that paired it.") };
    }

    /// <summary>A message in one of the integration's chats, with its chat.</summary>
    public async Task<ChatLookup> FindMessageAsync(Integration integration, string messageId, CancellationToken cancellationToken)
    {
        var message = await conversations.FindMessageAsync(messageId, cancellationToken);
        var conversation = message is null ? null : await conversations.FindAsync(message.ConversationId, cancellationToken);
        if (message is null || conversation is null)
        {
            return new() { Problem = RestProblems.NotFound($"No message '{messageId}'.") };
        }

        return await BelongsAsync(integration, conversation, cancellationToken)
            ? new() { Conversation = conversation, Message = message }
            : new() { Problem = RestProblems.Forbidden($"Message '{messageId}' is not in one of this integration's chats.") };
    }

    public Task<bool> BelongsAsync(Integration integration, Conversation conversation, CancellationToken cancellationToken) =>
        integrationChats.BelongsAsync(integration, conversation, cancellationToken);

    public TransportCapabilities Capabilities(Conversation conversation) =>
        transports.CapabilitiesOf(conversation.Transport);
}
