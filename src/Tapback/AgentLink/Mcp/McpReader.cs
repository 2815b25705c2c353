using Dapper;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Storage;

namespace Tapback.AgentLink.Mcp;

/// <summary>What the MCP tools read beyond the REST reader: unread counts.</summary>
internal sealed class McpReader(Database database)
{
    /// <summary>
    /// Inbound messages after the agent's last message in the chat (an agent that answered has read
    /// what it answered) and newer than its last read receipt. The receipt names its message only inside
    /// the row's JSON payload, so it is placed by time.
    /// </summary>
    public async Task<int> UnreadCountAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"""
            SELECT count(*) FROM messages m
            WHERE m.conversation_id = @conversationId AND m.direction = '{MessageDirections.Inbound}'
              AND m.created_at > COALESCE((SELECT max(o.created_at) FROM outbox o WHERE o.conversation_id = @conversationId AND o.kind = @read), 0)
              AND m.seq > COALESCE((SELECT max(x.seq) FROM messages x WHERE x.conversation_id = @conversationId AND x.direction = '{MessageDirections.Outbound}'), 0)
            """,
            new { conversationId, read = OutboxKinds.Read },
            cancellationToken: cancellationToken));
    }
}
