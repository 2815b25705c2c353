using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;
using Tapback.Messaging;
using Tapback.Messaging.Handles;
using Tapback.Gateway.Transports;

namespace Tapback.AgentLink.Rest;

/// <summary>
/// The REST answers to which chats an integration may touch (<see cref="IntegrationChats"/> decides):
/// unknown ids are 404, and so are another integration's conversations and messages, with the same
/// words, so an id tells a caller nothing about others; a <c>to</c> that is not the paired phone is 403.
/// </summary>
internal sealed class RestChats(ConversationReader conversations, IntegrationChats integrationChats, TransportRegistry transports)
{
    /// <summary>The chat a send or a typing change names: <c>to</c> (the paired phone) or <c>conversation_id</c>.</summary>
    public async Task<ChatLookup> ResolveAsync(Integration integration, string? to, string? conversationId, CancellationToken cancellationToken)
    {
        if (conversationId is { Length: > 0 })
        {
            var conversation = await conversations.FindAsync(conversationId, cancellationToken);
            return conversation is not null && await BelongsAsync(integration, conversation, cancellationToken)
                ? new() { Conversation = conversation }
                : new() { Problem = RestProblems.NotFound($"No conversation '{conversationId}'; list yours with GET /v2/conversations.") };
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
        return message is not null && conversation is not null && await BelongsAsync(integration, conversation, cancellationToken)
            ? new() { Conversation = conversation, Message = message }
            : new() { Problem = RestProblems.NotFound($"No message '{messageId}'.") };
    }

    public Task<bool> BelongsAsync(Integration integration, Conversation conversation, CancellationToken cancellationToken) =>
        integrationChats.BelongsAsync(integration, conversation, cancellationToken);

    public TransportCapabilities Capabilities(Conversation conversation) =>
        transports.CapabilitiesOf(conversation.Transport);
}
