using Dapper;
using Tapback.Agent.Memory;
using Tapback.Storage;

namespace Tapback.Agent.Api;

/// <summary>Reads a conversation's sessions, newest first, each with its summaries.</summary>
internal sealed class SessionHistory(Database database, SummaryStore summaries)
{
    public async Task<IReadOnlyList<SessionView>> ListAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, long StartedAt, long? EndedAt, string? EndReason, long TurnCount)>(new CommandDefinition(
            "SELECT id, started_at, ended_at, end_reason, turn_count FROM sessions WHERE conversation_id = @conversationId ORDER BY started_at DESC, id DESC",
            new { conversationId },
            cancellationToken: cancellationToken));
        var views = new List<SessionView>();
        foreach (var row in rows)
        {
            views.Add(new SessionView
            {
                Id = row.Id,
                StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.StartedAt),
                EndedAt = row.EndedAt is { } ended ? DateTimeOffset.FromUnixTimeMilliseconds(ended) : null,
                EndReason = row.EndReason,
                TurnCount = row.TurnCount,
                Summaries = await summaries.ListAsync(row.Id, cancellationToken),
            });
        }

        return views;
    }
}
