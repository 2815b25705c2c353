using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Agent.Sessions;
using Tapback.Agent.Turns;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Turns;

/// <summary>A turn's first read: each answer it folds into one statement is the one its owner's own read gives.</summary>
public sealed class TurnStartTests
{
    [Fact]
    public async Task ReadAsync_AQuietConversation_FindsItWithNothingPausedWaitingOrOpen()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var database = host.Services.GetRequiredService<Database>();
        await InsertConversationAsync(database, "conv_quiet", isGroup: false);
        await using var reads = new TurnReads(database);

        var start = await TurnStart.ReadAsync(reads, "conv_quiet", CancellationToken.None);

        Assert.Equal("conv_quiet", start.Conversation?.Id);
        Assert.Equal("+15550001", start.Conversation?.Handle);
        Assert.False(start.Conversation?.IsGroup);
        Assert.Equal("The Quiet Ones", start.Conversation?.DisplayName);
        Assert.False(start.Paused);
        Assert.False(start.TurnWaiting);
        Assert.Null(start.PairedSettings);
        Assert.Null(start.LatestInboundService);
        Assert.Null(start.OpenSessionIfCurrent(reads));
    }

    [Fact]
    public async Task ReadAsync_AConversationThatDoesNotExist_HasNoConversation()
    {
        await using var host = await TapbackTestHost.StartAsync();
        await using var reads = new TurnReads(host.Services.GetRequiredService<Database>());

        var start = await TurnStart.ReadAsync(reads, "conv_missing", CancellationToken.None);

        Assert.Null(start.Conversation);
        Assert.False(start.Paused);
    }

    [Fact]
    public async Task ReadAsync_PausedWaitingWithASessionAndSummaries_ReadsEachAndTheLatestSummary()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var database = host.Services.GetRequiredService<Database>();
        await InsertConversationAsync(database, "conv_busy", isGroup: true);
        await ExecuteAsync(
            database,
            """
            INSERT INTO conversation_pauses (id, conversation_id, reason, evidence_kind, rounds, detail, evidence, paused_at)
            VALUES ('pause_1', 'conv_busy', 'loop_suspected', 'fast_replies', 3, 'd', '{}', 1);
            INSERT INTO paused_turns (id, conversation_id, kind, model_messages, state, created_at)
            VALUES ('pt_1', 'conv_busy', 'question', '[]', 'waiting', 1);
            INSERT INTO sessions (id, conversation_id, starts_after_seq, started_at, ended_at) VALUES ('ses_old', 'conv_busy', 0, 1, 2);
            INSERT INTO sessions (id, conversation_id, starts_after_seq, started_at) VALUES ('ses_open', 'conv_busy', 7, 3);
            INSERT INTO summaries (id, session_id, conversation_id, upto_seq, turn_count, body, created_at) VALUES ('sum_old', 'ses_open', 'conv_busy', 10, 20, 'older', 4);
            INSERT INTO summaries (id, session_id, conversation_id, upto_seq, turn_count, body, created_at) VALUES ('sum_new', 'ses_open', 'conv_busy', 30, 40, 'newer', 5);
            INSERT INTO summaries (id, session_id, conversation_id, upto_seq, turn_count, body, created_at) VALUES ('sum_ended', 'ses_old', 'conv_busy', 90, 90, 'ended', 6);
            """);
        await using var reads = new TurnReads(database);

        var start = await TurnStart.ReadAsync(reads, "conv_busy", CancellationToken.None);

        Assert.True(start.Conversation?.IsGroup);
        Assert.True(start.Paused);
        Assert.True(start.TurnWaiting);
        var session = Assert.IsType<Session>(start.OpenSessionIfCurrent(reads));
        Assert.Equal(("ses_open", 7L), (session.Id, session.StartsAfterSeq));
        Assert.True(start.TryLatestSummary(reads, session, out var summary));
        Assert.Equal(("sum_new", 30L, 40L, "newer"), (summary?.Id, summary?.UptoSeq, summary?.TurnCount, summary?.Body));
    }

    [Fact]
    public async Task OpenSessionIfCurrent_AfterTheReadsWereReleased_IsNullSoTheTurnReadsItAgain()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var database = host.Services.GetRequiredService<Database>();
        await InsertConversationAsync(database, "conv_released", isGroup: false);
        await ExecuteAsync(database, "INSERT INTO sessions (id, conversation_id, starts_after_seq, started_at) VALUES ('ses_1', 'conv_released', 0, 1)");
        await using var reads = new TurnReads(database);
        var start = await TurnStart.ReadAsync(reads, "conv_released", CancellationToken.None);
        var session = Assert.IsType<Session>(start.OpenSessionIfCurrent(reads));

        // A release comes before each of the turn's writes (a /clear starts a new session, say).
        await reads.ReleaseAsync();

        Assert.Null(start.OpenSessionIfCurrent(reads));
        Assert.False(start.TryLatestSummary(reads, session, out _));
    }

    private static Task InsertConversationAsync(Database database, string id, bool isGroup) =>
        ExecuteAsync(
            database,
            "INSERT INTO conversations (id, transport, chat_id, handle, is_group, display_name, created_at, last_message_at) VALUES (@id, 'simulator', @id, '+15550001', @isGroup, 'The Quiet Ones', 1, 1)",
            new { id, isGroup });

    private static async Task ExecuteAsync(Database database, string sql, object? parameters = null)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }
}
