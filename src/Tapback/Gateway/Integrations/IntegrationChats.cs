using Dapper;
using Tapback.Gateway.Conversations;
using Tapback.Storage;

namespace Tapback.Gateway.Integrations;

/// <summary>
/// Which chats an integration may see and act in: its phone's one-to-one chat, and the groups that
/// phone has written in. A phone is the transport instance it texts through plus its handle, so a chat
/// on another transport is never the integration's, whatever handle it has. Every agent surface
/// (WebSocket, REST, MCP) and the dashboard ask here, so the rule is one rule.
/// </summary>
internal sealed class IntegrationChats(Database database, ConversationReader conversations, TimeProvider time)
{
    /// <summary>
    /// The rule as a condition on a <c>conversations</c> row aliased <c>c</c>, for listings; it takes
    /// the parameters <c>@ChatsTransport</c> and <c>@ChatsPhone</c> (<see cref="Parameters"/>).
    /// </summary>
    public const string Condition =
        $"""
        (c.transport = @ChatsTransport
         AND ((c.is_group = FALSE AND c.handle = @ChatsPhone)
              OR (c.is_group <> FALSE AND EXISTS (SELECT 1 FROM messages cm WHERE cm.conversation_id = c.id AND cm.direction = '{MessageDirections.Inbound}' AND cm.sender = @ChatsPhone))))
        """;

    /// <summary><see cref="Condition"/>'s parameters for <paramref name="integration"/>, with the query's own <paramref name="others"/>.</summary>
    public static DynamicParameters Parameters(Integration integration, object others)
    {
        ArgumentNullException.ThrowIfNull(integration);
        var parameters = new DynamicParameters(others);
        parameters.Add("ChatsTransport", integration.Transport);
        parameters.Add("ChatsPhone", integration.Phone);
        return parameters;
    }

    /// <summary>True when <paramref name="conversation"/> is one of <paramref name="integration"/>'s chats.</summary>
    public async Task<bool> BelongsAsync(Integration integration, Conversation conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(conversation);
        if (conversation.Transport != integration.Transport)
        {
            return false;
        }

        if (!conversation.IsGroup)
        {
            return conversation.Handle == integration.Phone;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = @Id AND direction = '{MessageDirections.Inbound}' AND sender = @Phone)",
            new { conversation.Id, integration.Phone },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The one-to-one chat with the integration's own phone, on the transport it paired on (created
    /// when the agent writes first), for a send that names the phone instead of a chat. Null when
    /// <paramref name="handle"/> (normalised) is not the integration's phone.
    /// </summary>
    public async Task<Conversation?> OpenWithPhoneAsync(Integration integration, string handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        if (handle != integration.Phone)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var id = await ConversationWriter.UpsertAsync(
            connection, transaction, integration.Transport, handle, handle, isGroup: false, displayName: null, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await conversations.FindAsync(id, cancellationToken);
    }
}
