using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tapback.Gateway.Actions;
using Tapback.Gateway.Integrations;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>An idempotency key is honoured for <c>Tapback:Actions:KeyRetention</c> (7 days) and swept after it, on the fake clock.</summary>
public sealed class ActionKeyRetentionTests
{
    private const string Phone = "+15551270401";

    [Fact]
    public async Task Key_InsideTheWindow_IsHonouredAndAfterItIsForgotten()
    {
        await using var host = await TapbackTestHost.StartAsync();
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));
        var sweeper = host.Services.GetServices<IHostedService>().OfType<ActionKeySweeper>().Single();
        var (first, sent) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "once" }, "retained");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        // Six days on, a sweep keeps the key: the same request is the first answer, another is a conflict.
        host.Time.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await sweeper.SweepAsync());
        var (again, repeated) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "once" }, "retained");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal((string?)sent!["message_id"], (string?)repeated!["message_id"]);
        var (conflict, _) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "something else" }, "retained");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        // Past seven days the hourly sweep forgets it by itself: another request with it is no conflict any more.
        host.Time.Advance(TimeSpan.FromDays(1));
        await host.AdvanceUntilAsync(async () => await KeysAsync(host) == 0, step: TimeSpan.FromMinutes(10));
        var (later, _) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "something else" }, "retained");
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
    }

    [Fact]
    public async Task Send_KeyReusedAfterTheWindowWithAnotherBody_SendsANewMessage()
    {
        await using var host = await TapbackTestHost.StartAsync();
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));
        var (first, sent) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "the first text" }, "reused");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await RestFixture.WaitForPhoneAsync(host, Phone, e => e.Any(x => x.Type == "message.received" && x.Text == "the first text"));

        // Within the window the key is the first send's: the same body answers it, another body is a conflict.
        host.Time.Advance(TimeSpan.FromDays(6));
        var (again, repeated) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "the first text" }, "reused");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal((string?)sent!["message_id"], (string?)repeated!["message_id"]);
        var (conflict, _) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "the second text" }, "reused");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        // Once forgotten, the key is a new one: a new message, and the phone gets its text.
        host.Time.Advance(TimeSpan.FromDays(1));
        await host.AdvanceUntilAsync(async () => await KeysAsync(host) == 0, step: TimeSpan.FromMinutes(10));
        var (later, resent) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "the second text" }, "reused");
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
        Assert.NotEqual((string?)sent["message_id"], (string?)resent!["message_id"]);
        await RestFixture.WaitForPhoneAsync(host, Phone, e => e.Any(x => x.Type == "message.received" && x.Text == "the second text"));
        await host.AdvanceUntilAsync(host.IsIdleAsync);
        Assert.Single(await host.EventsAsync(Phone), e => e.Text == "the first text");
    }

    [Fact]
    public async Task React_KeyReusedAfterTheWindow_ReachesThePhoneAgain()
    {
        await using var host = await TapbackTestHost.StartAsync();
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));
        var messageId = await host.SendAsync(Phone, "react to me");
        var (added, _) = await RestFixture.PostAsync(client, $"/v2/messages/{messageId}/reactions", new { reaction = "+love" }, "love-key");
        Assert.Equal(HttpStatusCode.Accepted, added.StatusCode);
        await RestFixture.PostAsync(client, $"/v2/messages/{messageId}/reactions", new { reaction = "-love" }, "unlove-key");
        await RestFixture.WaitForPhoneAsync(host, Phone, e => e.Any(x => x.Type == "reaction" && x.Removed == true));

        // The same key past the window is a new reaction: the heart is put back.
        host.Time.Advance(TimeSpan.FromDays(7));
        await host.AdvanceUntilAsync(async () => await KeysAsync(host) == 0, step: TimeSpan.FromMinutes(10));
        var (again, _) = await RestFixture.PostAsync(client, $"/v2/messages/{messageId}/reactions", new { reaction = "+love" }, "love-key");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await RestFixture.WaitForPhoneAsync(
            host, Phone, e => e.Count(x => x.Type == "reaction" && x.Reaction == "love" && x.Removed != true && !x.FromMe) == 2);
    }

    /// <summary>
    /// Two requests with one key race: the loser passed the key's check before the winner committed,
    /// loses at the key's row, rolls back, and answers as the repeat, telling its caller the outcome again
    /// (as a later repeat does). The winner is held open on the store's write path so the order is fixed.
    /// </summary>
    [Fact]
    public async Task Send_RacingRequestLoses_AnswersTheFirstAndReportsAgain()
    {
        await using var host = await TapbackTestHost.StartAsync();
        await GatewayScript.PairAsync(host, Phone);
        var database = host.Services.GetRequiredService<Database>();
        var actions = host.Services.GetRequiredService<AgentActions>();
        string integrationId;
        await using (var connection = await database.OpenAsync())
        {
            integrationId = await connection.ExecuteScalarAsync<string>("SELECT id FROM integrations") ?? throw new InvalidOperationException("Not paired.");
        }

        var caller = ActionCaller.Of((await host.Services.GetRequiredService<IntegrationStore>().FindAsync(integrationId))!, ActionCaller.Surfaces.WebSocket);
        var opened = Assert.IsType<ActionResult.Accepted>(await actions.SendAsync(caller, new SendCommand { Chat = ChatRef.Of(Phone, null), Text = "hello" }));

        // Named by its id, the chat is only read on the way to the write (opening it by number may write).
        var send = new SendCommand { Chat = ChatRef.Of(null, opened.ConversationId), Text = "raced", IdempotencyKey = "race", ClientMessageId = "race" };
        var first = Assert.IsType<ActionResult.Accepted>(await actions.SendAsync(caller, send));
        var messageId = Assert.Single(first.MessageIds);
        await host.AdvanceUntilAsync(async () => await ReportsAsync(database, messageId) == 1);

        // The winner's key row, not yet committed: the loser's check misses it, and its write waits behind it.
        (string Hash, string Conversation, string Ids, long CreatedAt) winner;
        await using (var connection = await database.OpenAsync())
        {
            winner = await connection.QuerySingleAsync<(string, string, string, long)>(
                "SELECT request_hash, conversation_id, message_ids, created_at FROM action_keys WHERE idempotency_key = 'race'");
            await connection.ExecuteAsync("DELETE FROM action_keys WHERE idempotency_key = 'race'");
        }

        var groupCommit = host.Services.GetRequiredService<GroupCommit>();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var winnerWrite = groupCommit.WriteAsync(async (connection, transaction, token) =>
        {
            await ActionKeys.RememberAsync(connection, transaction, integrationId, "race", winner.Hash, winner.Conversation, [messageId], winner.CreatedAt, token);
            holding.SetResult();
            await release.Task;
            return 0;
        });
        await holding.Task;
        Task<ActionResult> loser;
        try
        {
            loser = actions.SendAsync(caller, send);
            await Waits.UntilAsync(async () => database.IsPostgres ? await WaitingForTheWriteLockAsync(database) : groupCommit.Waiting > 0);
        }
        finally
        {
            release.TrySetResult();
        }

        await winnerWrite;

        var answer = Assert.IsType<ActionResult.Accepted>(await loser);
        Assert.True(answer.Duplicate);
        Assert.Equal(first.MessageIds, answer.MessageIds);
        Assert.Equal(2, await ReportsAsync(database, messageId));
        Assert.Equal(1L, await OutboxRowsAsync(database));
    }

    private static async Task<long> ReportsAsync(Database database, string messageId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM agent_queue WHERE kind = 'message.sent' AND message_id = @messageId", new { messageId });
    }

    private static async Task<long> OutboxRowsAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE kind = 'message' AND idempotency_key LIKE '%:race:%'");
    }

    private static async Task<bool> WaitingForTheWriteLockAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") > 0;
    }

    private static async Task<long> KeysAsync(TapbackTestHost host)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM action_keys");
    }
}
