using Dapper;
using Tapback.Gateway.Inbox;

namespace Tapback.Gateway.Conversations;

/// <summary>
/// What transports read of the gateway's conversations: the chats they know (to catch up on, to
/// address), and Tapback's message ids and a provider's (our sends keep the provider's id on the
/// message, inbound messages keep it as their inbox event id; tapbacks in and out need both ways).
/// </summary>
internal sealed partial class ConversationReader
{
    /// <summary>Every chat Tapback knows on the transport.</summary>
    public Task<IReadOnlyList<(string ChatId, bool IsGroup)>> ChatsOnAsync(string transport, CancellationToken cancellationToken = default) =>
        ListAsync<(string ChatId, bool IsGroup)>("SELECT chat_id, is_group FROM conversations WHERE transport = @transport", new { transport }, cancellationToken);

    /// <summary>The chat ids of a handle's one-to-one conversations on the transport, the one written in last first.</summary>
    public Task<IReadOnlyList<string>> OneToOneChatIdsAsync(string transport, string handle, CancellationToken cancellationToken = default) =>
        ListAsync<string>(
            "SELECT chat_id FROM conversations WHERE transport = @transport AND handle = @handle AND is_group = FALSE ORDER BY last_message_at DESC",
            new { transport, handle },
            cancellationToken);

    /// <summary>The provider's id of one of our messages in a chat on the transport, or null when it has none.</summary>
    public async Task<string?> ProviderIdOfAsync(string transport, string messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"""
            SELECT coalesce(
                (SELECT m.provider_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
                 WHERE m.id = @messageId AND c.transport = @transport AND m.provider_id IS NOT NULL),
                ({InboxEventIds.OfMessage}))
            """,
            new { transport, messageId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Tapback's id of the message a provider names on the transport, or null when Tapback does not know it.</summary>
    public async Task<string?> MessageIdOfProviderIdAsync(string transport, string providerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"""
            SELECT coalesce(
                ({InboxEventIds.MessageOf}),
                (SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id
                 WHERE m.provider_id = @providerId AND c.transport = @transport))
            """,
            new { transport, providerId },
            cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))];
    }
}
