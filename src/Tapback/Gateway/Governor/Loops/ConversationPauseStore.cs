using System.Data.Common;
using System.Text.Json;
using Dapper;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Governor.Loops;

/// <summary>
/// The table <c>conversation_pauses</c> (migration 0034): the loop breaker's pauses, one open at most per
/// conversation, kept after their resume. Only this class reads or writes it; a history purge removes a
/// conversation's rows through <see cref="Integrations.ConversationRowsCleanup"/>.
/// </summary>
internal sealed class ConversationPauseStore(Database database)
{
    public const string Table = "conversation_pauses";

    /// <summary>A scalar that changes when a conversation is paused or resumed, for the dashboard's live feed.</summary>
    public const string WatermarkSql = "(SELECT count(*) FROM conversation_pauses WHERE resumed_at IS NULL)";

    /// <summary>
    /// Whether the conversation whose id is the SQL expression <paramref name="conversationId"/> is paused now,
    /// as a boolean expression: the built-in turn's first read asks it with its other questions in one statement.
    /// </summary>
    public static string IsOpenSql(string conversationId) =>
        $"EXISTS (SELECT 1 FROM conversation_pauses WHERE {OpenWhere(conversationId)})";

    private static string OpenWhere(string conversationId) => $"conversation_id = {conversationId} AND resumed_at IS NULL";

    private const string Columns =
        "id AS Id, conversation_id AS ConversationId, reason AS Reason, evidence AS Evidence, paused_at AS PausedAt, resumed_at AS ResumedAt, resumed_by AS ResumedBy";

    /// <summary>
    /// Where the detector's window starts in the caller's transaction: null when the conversation is
    /// paused now (nothing to detect), else the end of its last pause (0 when it never had one).
    /// </summary>
    public static async Task<long?> WindowStartAsync(DbConnection connection, DbTransaction transaction, string conversationId, CancellationToken cancellationToken)
    {
        var latest = await PreparedStatements.QueryAsync(
            connection,
            transaction,
            "SELECT resumed_at FROM conversation_pauses WHERE conversation_id = @conversationId ORDER BY paused_at DESC LIMIT 1",
            row => row.IsDBNull(0) ? (long?)null : row.GetInt64(0),
            cancellationToken,
            ("@conversationId", conversationId));
        return latest.Count == 0 ? 0 : latest[0];
    }

    /// <summary>Opens a pause in the caller's transaction; false when one is already open (it stands).</summary>
    public static async Task<bool> OpenAsync(DbConnection connection, DbTransaction transaction, string conversationId, LoopEvidence evidence, long now, CancellationToken cancellationToken) =>
        await PreparedStatements.ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO conversation_pauses (id, conversation_id, reason, evidence_kind, rounds, detail, evidence, paused_at)
            VALUES (@id, @conversationId, @reason, @kind, @rounds, @detail, @evidence, @now)
            ON CONFLICT (conversation_id) WHERE resumed_at IS NULL DO NOTHING
            """,
            cancellationToken,
            ("@id", Ids.New("pause")),
            ("@conversationId", conversationId),
            ("@reason", PauseReasons.LoopSuspected),
            ("@kind", evidence.Kind),
            ("@rounds", (long)evidence.Rounds),
            ("@detail", evidence.Detail),
            ("@evidence", JsonSerializer.Serialize(evidence, LoopBreakerJsonContext.Wire.LoopEvidence)),
            ("@now", now)) == 1;

    /// <summary>Ends the conversation's open pause in the caller's transaction; null when none was open.</summary>
    public static async Task<ConversationPause?> ResumeAsync(
        DbConnection connection, DbTransaction transaction, string conversationId, string resumedBy, long now, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"UPDATE conversation_pauses SET resumed_at = @now, resumed_by = @resumedBy WHERE conversation_id = @conversationId AND resumed_at IS NULL RETURNING {Columns}",
            new { conversationId, resumedBy, now },
            transaction,
            cancellationToken: cancellationToken));
        return row?.ToPause();
    }

    /// <summary>The conversation's open pause, or null.</summary>
    public async Task<ConversationPause?> FindOpenAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindOpenAsync(connection, transaction: null, conversationId, cancellationToken);
    }

    /// <summary>The same, on the caller's connection (in its transaction, when it has one): a turn's reads share one.</summary>
    public static async Task<ConversationPause?> FindOpenAsync(DbConnection connection, DbTransaction? transaction, string conversationId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM conversation_pauses WHERE {OpenWhere("@conversationId")}",
            new { conversationId },
            transaction,
            cancellationToken: cancellationToken));
        return row?.ToPause();
    }

    /// <summary>The conversation's pauses, open or ended, oldest first.</summary>
    public async Task<IReadOnlyList<ConversationPause>> ListAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM conversation_pauses WHERE conversation_id = @conversationId ORDER BY paused_at",
            new { conversationId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToPause())];
    }

    /// <summary>Which of <paramref name="conversationIds"/> are paused now, with their pauses.</summary>
    public async Task<IReadOnlyDictionary<string, ConversationPause>> OpenAmongAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        if (conversationIds.Count == 0)
        {
            return new Dictionary<string, ConversationPause>();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM conversation_pauses WHERE resumed_at IS NULL AND conversation_id {SqlDialect.InList(connection, "@ids")}",
            new { ids = conversationIds.ToArray() },
            cancellationToken: cancellationToken));
        return rows.Select(row => row.ToPause()).ToDictionary(pause => pause.ConversationId, StringComparer.Ordinal);
    }

    private sealed record Row
    {
        public string Id { get; init; } = string.Empty;
        public string ConversationId { get; init; } = string.Empty;
        public string Reason { get; init; } = string.Empty;
        public string Evidence { get; init; } = "{}";
        public long PausedAt { get; init; }
        public long? ResumedAt { get; init; }
        public string? ResumedBy { get; init; }

        public ConversationPause ToPause() => new()
        {
            Id = Id,
            ConversationId = ConversationId,
            Reason = Reason,
            Evidence = JsonSerializer.Deserialize(Evidence, LoopBreakerJsonContext.Wire.LoopEvidence)!,
            PausedAt = DateTimeOffset.FromUnixTimeMilliseconds(PausedAt),
            ResumedAt = ResumedAt is { } resumed ? DateTimeOffset.FromUnixTimeMilliseconds(resumed) : null,
            ResumedBy = ResumedBy,
        };
    }
}
