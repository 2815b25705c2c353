using Dapper;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Agent.Memory;

/// <summary>Keeps what went wrong in a turn (a model error, a timeout), so an operator can see it through the API.</summary>
internal sealed class AgentErrorLog(Database database, GroupCommit groupCommit, TimeProvider time)
{
    /// <summary>
    /// A write of every failing turn, in the group commit on SQLite: when a provider is down every
    /// turn fails, and a write of its own waited in SQLite's sleeping busy handler behind the inbound batches.
    /// </summary>
    public async Task RecordAsync(string conversationId, string? sessionId, string kind, string detail, CancellationToken cancellationToken = default) =>
        await groupCommit.ExecuteAsync(
            "INSERT INTO agent_errors (conversation_id, session_id, kind, detail, at) VALUES (@conversationId, @sessionId, @kind, @detail, @now)",
            new { conversationId, sessionId, kind, detail, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken);

    public async Task<IReadOnlyList<AgentError>> ListAsync(string conversationId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<AgentError>(new CommandDefinition(
            "SELECT id AS Id, session_id AS SessionId, kind AS Kind, detail AS Detail, at AS At FROM agent_errors WHERE conversation_id = @conversationId ORDER BY id DESC LIMIT @limit",
            new { conversationId, limit },
            cancellationToken: cancellationToken))];
    }
}
