using Dapper;
using Tapback.Gateway.Governor.Loops;
using Tapback.Gateway.Integrations;
using Tapback.Storage;

namespace Tapback.Dashboard;

/// <summary>Conversations newest first, with their sessions: all of them, or one integration's.</summary>
internal sealed class ConversationDirectory(Database database, ConversationPauseStore pauses)
{
    private const int MaxConversations = 200;

    private const string Columns =
        """
        c.id AS Id, c.transport AS Transport, c.handle AS Handle, c.is_group AS IsGroup, c.display_name AS DisplayName,
        c.created_at AS CreatedAt, c.last_message_at AS LastMessageAt,
        (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS MessageCount
        """;

    /// <summary>The chats <see cref="IntegrationChats"/> lets the integration's agent use.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> ForIntegrationAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM conversations c
            WHERE {IntegrationChats.Condition}
            ORDER BY c.last_message_at DESC, c.id DESC
            LIMIT {MaxConversations}
            """,
            IntegrationChats.Parameters(integration, new { }),
            cancellationToken: cancellationToken));
        return await WithSessionsAsync(connection, rows.ToList(), cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationSummary>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM conversations c ORDER BY c.last_message_at DESC, c.id DESC LIMIT {MaxConversations}",
            cancellationToken: cancellationToken));
        return await WithSessionsAsync(connection, rows.ToList(), cancellationToken);
    }

    public async Task<ConversationSummary?> FindAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM conversations c WHERE c.id = @conversationId",
            new { conversationId },
            cancellationToken: cancellationToken))).ToList();
        return rows.Count == 0 ? null : (await WithSessionsAsync(connection, rows, cancellationToken))[0];
    }

    private async Task<IReadOnlyList<ConversationSummary>> WithSessionsAsync(
        System.Data.Common.DbConnection connection, List<Row> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var sessions = (await connection.QueryAsync<SessionRow>(new CommandDefinition(
            $"""
            SELECT id AS Id, conversation_id AS ConversationId, starts_after_seq AS StartsAfterSeq, started_at AS StartedAt,
                   ended_at AS EndedAt, end_reason AS EndReason, turn_count AS TurnCount
            FROM sessions WHERE conversation_id {SqlDialect.InList(connection, "@ids")}
            """,
            new { ids = rows.Select(row => row.Id).ToArray() },
            cancellationToken: cancellationToken))).ToLookup(session => session.ConversationId, StringComparer.Ordinal);
        var paused = await pauses.OpenAmongAsync([.. rows.Select(row => row.Id)], cancellationToken);
        return [.. rows.Select(row => row.ToSummary(Sessions(sessions[row.Id])) with
        {
            Pause = paused.TryGetValue(row.Id, out var pause) ? PauseView.Of(pause) : null,
        })];
    }

    // A session ends where the next one of its conversation starts.
    private static IReadOnlyList<SessionSummary> Sessions(IEnumerable<SessionRow> rows)
    {
        var ordered = rows.OrderBy(row => row.StartsAfterSeq).ThenBy(row => row.StartedAt).ToList();
        return [.. ordered.Select((row, index) => new SessionSummary
        {
            Id = row.Id,
            StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.StartedAt),
            EndedAt = row.EndedAt is { } ended ? DateTimeOffset.FromUnixTimeMilliseconds(ended) : null,
            EndReason = row.EndReason,
            TurnCount = row.TurnCount,
            StartsAfterSeq = row.StartsAfterSeq,
            EndsAtSeq = index + 1 < ordered.Count ? ordered[index + 1].StartsAfterSeq : null,
        }).Reverse()];
    }

    private sealed record Row
    {
        public string Id { get; init; } = string.Empty;
        public string Transport { get; init; } = string.Empty;
        public string Handle { get; init; } = string.Empty;
        public bool IsGroup { get; init; }
        public string? DisplayName { get; init; }
        public long CreatedAt { get; init; }
        public long LastMessageAt { get; init; }
        public long MessageCount { get; init; }

        public ConversationSummary ToSummary(IReadOnlyList<SessionSummary> sessions) => new()
        {
            Id = Id,
            Transport = Transport,
            Handle = Handle,
            IsGroup = IsGroup,
            DisplayName = DisplayName,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            LastMessageAt = DateTimeOffset.FromUnixTimeMilliseconds(LastMessageAt),
            MessageCount = MessageCount,
            Sessions = sessions,
        };
    }

    private sealed record SessionRow
    {
        public string Id { get; init; } = string.Empty;
        public string ConversationId { get; init; } = string.Empty;
        public long StartsAfterSeq { get; init; }
        public long StartedAt { get; init; }
        public long? EndedAt { get; init; }
        public string? EndReason { get; init; }
        public long TurnCount { get; init; }
    }
}
