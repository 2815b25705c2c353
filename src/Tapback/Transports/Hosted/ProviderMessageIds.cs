using Tapback.Gateway.Conversations;

namespace Tapback.Transports.Hosted;

/// <summary>
/// Translates between Tapback's message ids and a provider's for the hosted transports' tapbacks;
/// the gateway's <see cref="ConversationReader"/> keeps both.
/// </summary>
internal sealed class ProviderMessageIds(ConversationReader conversations)
{
    /// <summary>The provider's id of one of our messages in a chat on the transport, or null when it has none.</summary>
    public Task<string?> ToProviderAsync(string transport, string messageId, CancellationToken cancellationToken = default) =>
        conversations.ProviderIdOfAsync(transport, messageId, cancellationToken);

    /// <summary>Tapback's id for a message the provider names; the provider's id itself when Tapback does not know it.</summary>
    public async Task<string> ToTapbackAsync(string transport, string providerId, CancellationToken cancellationToken = default) =>
        await conversations.MessageIdOfProviderIdAsync(transport, providerId, cancellationToken) ?? providerId;
}
