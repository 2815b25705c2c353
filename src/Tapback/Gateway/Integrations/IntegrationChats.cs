using Dapper;
using Tapback.Gateway.Conversations;
using Tapback.Storage;

namespace Tapback.Gateway.Integrations;

/// <summary>
/// Which chats an integration may see and act in: its paired phone's one-to-one chat, and the groups
/// that phone has written in. Every agent surface (WebSocket, REST) asks here, so the rule is one rule.
/// </summary>
internal sealed class IntegrationChats(Database database)
{
    public async Task<bool> BelongsAsync(Integration integration, Conversation conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(conversation);
        if (!conversation.IsGroup)
        {
            return conversation.Handle == integration.Phone;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = @Id AND direction = 'in' AND sender = @Phone)",
            new { conversation.Id, integration.Phone },
            cancellationToken: cancellationToken));
    }
}
