using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Governor;
using Tapback.Gateway.Governor.Loops;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Governor.Loops;

/// <summary>
/// The loop breaker end to end on the simulator, against the built-in agent: a scripted bot is paused,
/// a person texting fast is not, a paused conversation stays quiet and keeps its messages, and one call
/// resumes it.
/// </summary>
public sealed class LoopBreakerTests
{
    private const string Phone = "+15550142000";

    [Fact]
    public async Task Inbox_ABotAnsweringEveryMessageWithinTwoSeconds_PausesOnTheTenthRound()
    {
        await using var host = await TapbackTestHost.StartAsync(LoopScript.Settings());
        Assert.True(await LoopScript.RoundAsync(host, Phone, "Hi there", TimeSpan.Zero) > 0);
        var conversationId = await LoopScript.ConversationIdAsync(host, Phone);
        for (var round = 1; round <= 9; round++)
        {
            Assert.True(await LoopScript.RoundAsync(host, Phone, $"Auto-reply number {round}", TimeSpan.FromMilliseconds(300)) > 0);
        }

        Assert.Empty(await LoopScript.PausesAsync(host, conversationId));
        var answered = await LoopScript.RoundAsync(host, Phone, "Auto-reply number 10", TimeSpan.FromMilliseconds(300));

        var pause = Assert.Single(await LoopScript.PausesAsync(host, conversationId));
        Assert.Equal(PauseReasons.LoopSuspected, pause.Reason);
        Assert.Equal(EvidenceKinds.FastReplies, pause.EvidenceKind);
        Assert.Equal(10, pause.Rounds);
        Assert.Null(pause.ResumedAt);
        var times = JsonNode.Parse(pause.Evidence)!["replyTimesMs"]!.AsArray().Select(time => (long)time!).ToList();
        Assert.Equal(10, times.Count);
        Assert.All(times, time => Assert.InRange(time, 0, 2_000));

        // The message that completed the evidence is the first the agent does not answer.
        Assert.Equal(0, answered);
    }

    [Fact]
    public async Task Inbox_APersonTextingFast_IsNeverPaused()
    {
        await using var host = await TapbackTestHost.StartAsync(LoopScript.Settings());
        var random = new Random(7);
        string[] texts = ["sure", "what time works for you", "lol ok", "can we do thursday instead", "wait what", "and the other one?", "thanks so much", "yes", "no not that", "hmm let me think"];
        for (var round = 1; round <= 24; round++)
        {
            // 1–8 s after the agent's answer, about one in seven under 2 s.
            var after = TimeSpan.FromMilliseconds(1_000 + random.Next(7_000));
            await LoopScript.RoundAsync(host, Phone, $"{texts[random.Next(texts.Length)]} ({round})", after);
        }

        Assert.Empty(await LoopScript.PausesAsync(host, await LoopScript.ConversationIdAsync(host, Phone)));
    }

    [Fact]
    public async Task Inbox_TheSameReplyAgainAndAgain_PausesAsRepeatedText()
    {
        await using var host = await TapbackTestHost.StartAsync(LoopScript.Settings());
        await LoopScript.RoundAsync(host, Phone, "Hello?", TimeSpan.Zero);
        for (var round = 1; round <= 4; round++)
        {
            Assert.True(await LoopScript.RoundAsync(host, Phone, "Sorry, I didn't understand that. Reply HELP for help.", TimeSpan.FromSeconds(3)) > 0);
        }

        var conversationId = await LoopScript.ConversationIdAsync(host, Phone);
        Assert.Empty(await LoopScript.PausesAsync(host, conversationId));
        await LoopScript.RoundAsync(host, Phone, "Sorry, I didn't understand that. Reply HELP for help.", TimeSpan.FromSeconds(3));

        var pause = Assert.Single(await LoopScript.PausesAsync(host, conversationId));
        Assert.Equal(EvidenceKinds.RepeatedText, pause.EvidenceKind);
        Assert.Equal(5, pause.Rounds);
        Assert.False((bool?)JsonNode.Parse(pause.Evidence)!["echo"] ?? false);
    }

    [Fact]
    public async Task Inbox_ThePhoneSendingTheAgentsOwnMessagesBack_PausesAsAnEcho()
    {
        await using var host = await TapbackTestHost.StartAsync(LoopScript.Settings());
        await LoopScript.RoundAsync(host, Phone, "Hello?", TimeSpan.Zero);
        for (var round = 1; round <= 3; round++)
        {
            await LoopScript.RoundAsync(host, Phone, await LoopScript.LastAnswerAsync(host, Phone), TimeSpan.FromSeconds(4));
        }

        var pause = Assert.Single(await LoopScript.PausesAsync(host, await LoopScript.ConversationIdAsync(host, Phone)));
        Assert.Equal(EvidenceKinds.RepeatedText, pause.EvidenceKind);
        Assert.True((bool?)JsonNode.Parse(pause.Evidence)!["echo"]);
        Assert.Equal(3, pause.Rounds);
    }

    [Fact]
    public async Task BuiltInAgent_WhilePaused_TakesNoTurnAndKeepsEveryMessage()
    {
        await using var host = await TapbackTestHost.StartAsync(LoopScript.Settings(fastReplyRounds: 3));
        await TripAsync(host);
        var conversationId = await LoopScript.ConversationIdAsync(host, Phone);

        var answered = await LoopScript.RoundAsync(host, Phone, "Are you still there?", TimeSpan.FromSeconds(30));
        answered += await LoopScript.RoundAsync(host, Phone, "Hello??", TimeSpan.FromSeconds(30));

        Assert.Equal(0, answered);
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM messages WHERE conversation_id = @conversationId AND direction = 'in' AND body IN ('Are you still there?', 'Hello??')", new { conversationId }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM agent_queue WHERE conversation_id = @conversationId AND state = 'pending'", new { conversationId }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM outbox WHERE conversation_id = @conversationId AND created_at > (SELECT paused_at FROM conversation_pauses WHERE conversation_id = @conversationId)", new { conversationId }));
    }

    [Fact]
    public async Task Resume_UnknownConversation_Is404ProblemAndNotPausedIs409()
    {
        await using var host = await TapbackTestHost.StartAsync(LoopScript.Settings());
        await LoopScript.RoundAsync(host, Phone, "Hi", TimeSpan.Zero);
        using var admin = LoopScript.Admin(host);

        using var unknown = await admin.PostAsync("/api/admin/conversations/conv_nope/resume", content: null);
        using var notPaused = await admin.PostAsync($"/api/admin/conversations/{await LoopScript.ConversationIdAsync(host, Phone)}/resume", content: null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("conv_nope", (string?)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, notPaused.StatusCode);
        Assert.Equal("application/problem+json", notPaused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not paused", (string?)JsonNode.Parse(await notPaused.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_ThroughTheAdminApi_EndsThePauseStartsTheWindowOverAndTheAgentAnswersAgain()
    {
        await using var host = await TapbackTestHost.StartAsync(LoopScript.Settings(fastReplyRounds: 3));
        await TripAsync(host);
        var conversationId = await LoopScript.ConversationIdAsync(host, Phone);
        using var admin = LoopScript.Admin(host);

        using var resumed = await admin.PostAsync($"/api/admin/conversations/{conversationId}/resume", content: null);
        using var again = await admin.PostAsync($"/api/admin/conversations/{conversationId}/resume", content: null);

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var body = JsonNode.Parse(await resumed.Content.ReadAsStringAsync())!;
        Assert.Equal(conversationId, (string?)body["conversationId"]);
        Assert.Equal(0, (int?)body["released"]);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var pause = Assert.Single(await LoopScript.PausesAsync(host, conversationId));
        Assert.Equal(host.Time.GetUtcNow().ToUnixTimeMilliseconds(), pause.ResumedAt);
        Assert.Equal("operator", pause.ResumedBy);

        // The agent answers again, and the fast rounds before the resume no longer count: two more
        // fast replies are not three in a row.
        Assert.True(await LoopScript.RoundAsync(host, Phone, "Fast again 1", TimeSpan.FromMilliseconds(300)) > 0);
        Assert.True(await LoopScript.RoundAsync(host, Phone, "Fast again 2", TimeSpan.FromMilliseconds(300)) > 0);
        Assert.Single(await LoopScript.PausesAsync(host, conversationId));
    }

    [Fact]
    public async Task PausedConversationRule_PausedAndNot_HoldsOnlyThePausedConversationsSends()
    {
        await using var host = await TapbackTestHost.StartAsync(LoopScript.Settings(fastReplyRounds: 3));
        const string other = "+15550142999";
        await LoopScript.RoundAsync(host, other, "Hello from someone else", TimeSpan.Zero);
        await TripAsync(host);
        var rule = host.Services.GetServices<IGovernorRule>().OfType<PausedConversationRule>().Single();
        GovernedSend SendIn(string conversationId) => new() { OutboxId = 1, ConversationId = conversationId, Transport = "simulator", NumberKey = "simulator" };
        var conversationId = await LoopScript.ConversationIdAsync(host, Phone);

        var held = await rule.CheckAsync(SendIn(conversationId), CancellationToken.None);
        var free = await rule.CheckAsync(SendIn(await LoopScript.ConversationIdAsync(host, other)), CancellationToken.None);

        Assert.NotNull(held);
        Assert.Equal(HoldReasons.ConversationPaused, held.Reason);
        Assert.Null(held.ReleaseAt);
        Assert.Contains($"/api/admin/conversations/{conversationId}/resume", held.Detail, StringComparison.Ordinal);
        Assert.Null(free);
    }

    [Fact]
    public async Task Inbox_TheSimulatorWithoutApplyToSimulator_IsNotWatched()
    {
        var settings = LoopScript.Settings(fastReplyRounds: 3);
        settings.Remove("Tapback:Governor:ApplyToSimulator");
        await using var host = await TapbackTestHost.StartAsync(settings);
        await LoopScript.RoundAsync(host, Phone, "Hi there", TimeSpan.Zero);
        for (var round = 1; round <= 5; round++)
        {
            Assert.True(await LoopScript.RoundAsync(host, Phone, $"Auto-reply {round}", TimeSpan.FromMilliseconds(300)) > 0);
        }

        Assert.Empty(await LoopScript.PausesAsync(host, await LoopScript.ConversationIdAsync(host, Phone)));
    }

    /// <summary>A bot answering the agent within 300 ms until the breaker trips (FastReplyRounds 3).</summary>
    internal static async Task TripAsync(TapbackTestHost host, string phone = Phone)
    {
        await LoopScript.RoundAsync(host, phone, "Hi there", TimeSpan.Zero);
        for (var round = 1; round <= 3; round++)
        {
            await LoopScript.RoundAsync(host, phone, $"Auto-reply number {round}", TimeSpan.FromMilliseconds(300));
        }

        Assert.Single(await LoopScript.PausesAsync(host, await LoopScript.ConversationIdAsync(host, phone)));
    }
}
