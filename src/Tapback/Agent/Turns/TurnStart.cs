using Dapper;
using Tapback.Agent.Memory;
using Tapback.Agent.Sessions;
using Tapback.Agent.Tools;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Governor.Loops;
using Tapback.Gateway.Integrations;

namespace Tapback.Agent.Turns;

/// <summary>
/// What a turn asks of the store before anything else, read in one statement: the conversation, whether
/// the loop breaker paused it, the settings of the integration that pointed its phone at the built-in
/// agent, the service of the person's latest message, whether a turn waits for the person, and the open
/// session and its latest summary. Each was a statement of its own (on PostgreSQL a round trip each);
/// each owner still words its part (<see cref="ConversationReader.ConversationColumns"/> and <see cref="ConversationReader.ReadConversation"/>,
/// <see cref="ConversationPauseStore.IsOpenSql"/>, <see cref="IntegrationStore.BuiltInSettingsSql"/>,
/// <see cref="ConversationReader.LatestInboundServiceSql"/>, <see cref="PausedTurnStore.IsWaitingSql"/>,
/// <see cref="SessionStore.OpenJoin"/>, <see cref="SummaryStore.LatestJoin"/>).
/// </summary>
internal sealed record TurnStart
{
    private static readonly string Sql =
        $"""
        SELECT {ConversationReader.ConversationColumns("c")},
               {ConversationPauseStore.IsOpenSql("c.id")},
               {IntegrationStore.BuiltInSettingsSql("c.transport", "c.handle")},
               {ConversationReader.LatestInboundServiceSql("c.id")},
               {PausedTurnStore.IsWaitingSql("c.id")},
               s.id, s.starts_after_seq,
               m.id, m.upto_seq, m.turn_count, m.body, m.created_at
        FROM conversations c
        {SessionStore.OpenJoin("s", "c.id")}
        {SummaryStore.LatestJoin("m", "s.id")}
        WHERE c.id = @conversationId
        """;

    private int _readAtRelease;

    /// <summary>The conversation; null when the queue names one that does not exist.</summary>
    public Conversation? Conversation { get; private init; }

    /// <summary>The loop breaker paused the conversation: no turn is taken.</summary>
    public bool Paused { get; private init; }

    /// <summary>The settings of the integration the built-in agent answers this phone for, if any (one-to-one chats only).</summary>
    public IntegrationSettings? PairedSettings { get; private init; }

    /// <summary>The service of the person's latest message; null when the transport did not say.</summary>
    public string? LatestInboundService { get; private init; }

    /// <summary>A turn waits for the person (an approval, a question): the turn reads it.</summary>
    public bool TurnWaiting { get; private init; }

    private Session? OpenSession { get; init; }

    private Summary? LatestSummary { get; init; }

    /// <summary>The open session as this read found it, while the turn has written nothing since; else null (read it again).</summary>
    public Session? OpenSessionIfCurrent(TurnReads reads) => reads.Releases == _readAtRelease ? OpenSession : null;

    /// <summary>The latest summary of <paramref name="session"/> as this read found it, when that is the session it read and the turn has written nothing since.</summary>
    public bool TryLatestSummary(TurnReads reads, Session session, out Summary? summary)
    {
        summary = LatestSummary;
        return OpenSessionIfCurrent(reads) is { } open && open.Id == session.Id;
    }

    public static async Task<TurnStart> ReadAsync(TurnReads reads, string conversationId, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await reads.OpenAsync(cancellationToken);
        var command = new CommandDefinition(Sql, new { conversationId }, transaction, cancellationToken: cancellationToken);
        await using var row = await connection.ExecuteReaderAsync(command);
        if (!await row.ReadAsync(cancellationToken))
        {
            return new TurnStart { _readAtRelease = reads.Releases };
        }

        // The turn's own columns follow the conversation's.
        const int own = ConversationReader.ConversationColumnCount;
        var conversation = ConversationReader.ReadConversation(row);
        return new TurnStart
        {
            _readAtRelease = reads.Releases,
            Conversation = conversation,
            Paused = row.GetBoolean(own),
            PairedSettings = conversation.IsGroup ? null : IntegrationStore.SettingsOf(row.IsDBNull(own + 1) ? null : row.GetString(own + 1)),
            LatestInboundService = row.IsDBNull(own + 2) ? null : row.GetString(own + 2),
            TurnWaiting = row.GetBoolean(own + 3),
            OpenSession = row.IsDBNull(own + 4) ? null : new Session { Id = row.GetString(own + 4), ConversationId = conversation.Id, StartsAfterSeq = row.GetInt64(own + 5) },
            LatestSummary = row.IsDBNull(own + 6) ? null : new Summary
            {
                Id = row.GetString(own + 6),
                SessionId = row.GetString(own + 4),
                UptoSeq = row.GetInt64(own + 7),
                TurnCount = row.GetInt64(own + 8),
                Body = row.GetString(own + 9),
                CreatedAt = row.GetInt64(own + 10),
            },
        };
    }
}
