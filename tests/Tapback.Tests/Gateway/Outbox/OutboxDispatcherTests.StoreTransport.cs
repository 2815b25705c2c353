using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Outbox;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Outbox;

/// <summary>
/// Rows the simulator carries out are written with their done mark in one write (issue 23): no
/// in-flight mark before them, and what the phone shows commits exactly with the row's end.
/// </summary>
public sealed partial class OutboxDispatcherTests
{
    [Fact]
    public async Task Dispatch_SimulatorAnswer_EveryRowEndsDoneWithoutAnInFlightMark()
    {
        await using var host = await TapbackTestHost.StartAsync();
        await ExecuteAsync(host, TestStore.IsPostgres
            ? """
              CREATE TABLE state_log (outbox_id BIGINT, state TEXT);
              CREATE FUNCTION log_state() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO state_log VALUES (NEW.id, NEW.state); RETURN NEW; END $$;
              CREATE TRIGGER outbox_state_log AFTER INSERT OR UPDATE OF state ON outbox FOR EACH ROW EXECUTE FUNCTION log_state();
              """
            : """
              CREATE TABLE state_log (outbox_id INTEGER, state TEXT);
              CREATE TRIGGER outbox_state_log AFTER UPDATE OF state ON outbox BEGIN INSERT INTO state_log VALUES (NEW.id, NEW.state); END;
              CREATE TRIGGER outbox_insert_log AFTER INSERT ON outbox BEGIN INSERT INTO state_log VALUES (NEW.id, NEW.state); END;
              """);

        await host.SendAsync(Phone, "hello");
        await host.WaitForRepliesAsync(Phone);

        await AssertShownOnceEachAsync(host);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM state_log WHERE state = 'in_flight'"));
        Assert.Equal(await CountAsync(host, "SELECT count(*) FROM outbox"), await CountAsync(host, "SELECT count(DISTINCT outbox_id) FROM state_log WHERE state = 'done'"));
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE attempts <> 1 OR attempted_at IS NULL OR done_at IS NULL"));
        if (!TestStore.IsPostgres)
        {
            // SQLite: a turn's rows up to its first beat (the opening, the first bubble) are carried out in
            // the write that stores them (StoreSendsAtWrite): stored done, never queued, never claimed.
            // From the beat on, the dispatcher keeps the pace.
            Assert.True(await CountAsync(host, "SELECT count(*) FROM outbox WHERE id < (SELECT coalesce(min(id), 9000000000) FROM outbox WHERE delay_ms > 0)") >= 3);
            Assert.Empty(await StringsAsync(
                host,
                "SELECT o.idempotency_key || ' ' || l.state FROM state_log l JOIN outbox o ON o.id = l.outbox_id WHERE l.state <> 'done' AND o.id < (SELECT coalesce(min(id), 9000000000) FROM outbox WHERE delay_ms > 0)"));
        }
    }

    [Fact]
    public async Task Turn_AfterAnOpenRowOfItsConversation_LeavesItsRowsToTheDispatcherInOrder()
    {
        // A row written now goes after every open row of its conversation: one still waiting for its
        // beat keeps the next turn's rows queued behind it, and the phone shows them in store order.
        await using var host = await TapbackTestHost.StartAsync();
        await host.SendAsync(Phone, "hello");
        await host.WaitForRepliesAsync(Phone);
        var conversationId = (await StringsAsync(host, "SELECT id FROM conversations")).Single();
        await host.Services.GetRequiredService<OutboxWriter>().WriteAsync(conversationId, [AgentAction.Message("early:1", "Before the next turn.", delay: TimeSpan.FromSeconds(30))]);
        await host.AdvanceUntilAsync(async () => await CountAsync(host, "SELECT count(*) FROM outbox WHERE idempotency_key = 'early:1' AND lease_owner IS NOT NULL") == 1);

        await host.SendAsync(Phone, "and now?");
        await host.AdvanceUntilAsync(async () => await CountAsync(host, "SELECT count(*) FROM agent_queue WHERE state = 'pending'") == 0);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state = 'done' AND id > (SELECT id FROM outbox WHERE idempotency_key = 'early:1')"));

        await host.WaitForRepliesAsync(Phone, count: 3);
        await AssertShownOnceEachAsync(host, reads: 2);

        // Read after the store went idle, as AssertShownOnceEachAsync does: the wait's copy may be older.
        var received = (await host.EventsAsync(Phone)).Where(e => e.Type is "message.received" or "read").ToList();
        var early = received.FindIndex(e => e.Type == "message.received" && e.Text == "Before the next turn.");
        Assert.True(early >= 0, "The early row never showed.");
        Assert.Equal(2, received.Count(e => e.Type == "read"));
        Assert.Equal(1, received.Skip(early + 1).Count(e => e.Type == "read"));
    }

    [Fact]
    public async Task Dispatch_DoneMarkFails_PhoneShowsNothingAndRowsStayQueuedUntilItCommits()
    {
        // A governed simulator: its rows are left to the dispatcher (StoreSendsAtWrite carries out only
        // where the governor counts nothing), whose in-store write is the one under test.
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Governor:ApplyToSimulator"] = "true" });
        await ExecuteAsync(host, TestStore.IsPostgres
            ? """
              CREATE FUNCTION refuse_done() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the store refuses the done mark'; END $$;
              CREATE TRIGGER outbox_refuse_done BEFORE UPDATE OF state ON outbox FOR EACH ROW WHEN (NEW.state = 'done') EXECUTE FUNCTION refuse_done();
              """
            : """
              CREATE TRIGGER outbox_refuse_done BEFORE UPDATE OF state ON outbox WHEN NEW.state = 'done'
              BEGIN SELECT RAISE(ABORT, 'the store refuses the done mark'); END;
              """);

        await host.SendAsync(Phone, "hello");
        // Claimed, refused, given back and claimed again: the write was tried more than once.
        var owners = new HashSet<string>(StringComparer.Ordinal);
        await host.AdvanceUntilAsync(async () =>
        {
            await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
            owners.UnionWith(await connection.QueryAsync<string>("SELECT lease_owner FROM outbox WHERE lease_owner IS NOT NULL"));
            return owners.Count >= 2;
        });

        Assert.DoesNotContain(await host.EventsAsync(Phone), e => !e.FromMe);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state NOT IN ('queued')"));
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE attempts <> 0"));

        await ExecuteAsync(host, TestStore.IsPostgres ? "DROP TRIGGER outbox_refuse_done ON outbox" : "DROP TRIGGER outbox_refuse_done");
        await host.WaitForRepliesAsync(Phone);

        await AssertShownOnceEachAsync(host);
    }

    [Fact]
    public async Task Dispatch_SimulatorMessageAfterStop_EndsFailedInItsWriteAndThePhoneShowsNothing()
    {
        // The dispatcher reads no STOP of its own for a row the simulator carries out: the write that
        // would show it reads it, and fails the row there (issue 23, turn-writes).
        await using var host = await TapbackTestHost.StartAsync();
        await host.SendAsync(Phone, "hello");
        await host.WaitForRepliesAsync(Phone);
        await host.SendAsync(Phone, "STOP");
        await host.AdvanceUntilAsync(async () => await CountAsync(host, "SELECT count(*) FROM outbox WHERE state IN ('queued', 'in_flight')") == 0
            && await CountAsync(host, "SELECT count(*) FROM opt_outs") == 1);
        var shown = (await host.EventsAsync(Phone)).Count(e => e.Type == "message.received");
        var conversationId = (await StringsAsync(host, "SELECT id FROM conversations")).Single();

        await host.Services.GetRequiredService<OutboxWriter>().WriteAsync(conversationId, [AgentAction.Message("late:1", "One more thing!")]);
        await host.AdvanceUntilAsync(async () => await CountAsync(host, "SELECT count(*) FROM outbox WHERE idempotency_key = 'late:1' AND state = 'failed'") == 1);

        Assert.Equal(shown, (await host.EventsAsync(Phone)).Count(e => e.Type == "message.received"));
        var error = (await StringsAsync(host, "SELECT last_error FROM outbox WHERE idempotency_key = 'late:1'")).Single();
        Assert.Contains("STOP", error, StringComparison.Ordinal);
        Assert.Equal("failed", (await StringsAsync(host, "SELECT m.state FROM messages m JOIN outbox o ON o.message_id = m.id WHERE o.idempotency_key = 'late:1'")).Single());
    }

    /// <summary>Every row ended done, and the phone shows each read receipt and bubble once (typing: at most once a row).</summary>
    private static async Task AssertShownOnceEachAsync(TapbackTestHost host, int reads = 1)
    {
        // Read after the store went idle: the events the wait saw may be a moment older than that.
        var events = await host.EventsAsync(Phone);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state <> 'done'"));
        Assert.Equal(reads, await CountAsync(host, "SELECT count(*) FROM outbox WHERE kind = 'read'"));
        Assert.Equal(reads, events.Count(e => e.Type == "read"));
        var bubbles = await CountAsync(host, "SELECT count(*) FROM outbox WHERE kind = 'message'");
        Assert.True(bubbles >= 1);
        Assert.Equal(bubbles, events.Count(e => e.Type == "message.received"));
        Assert.Equal(bubbles, events.Where(e => e.Type == "message.received").Select(e => e.MessageId).Distinct().Count());
        Assert.InRange(events.Count(e => e.Type == "typing.started"), 1, await CountAsync(host, "SELECT count(*) FROM outbox WHERE kind = 'typing_on'"));
    }

    private static async Task<IReadOnlyList<string>> StringsAsync(TapbackTestHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return [.. await connection.QueryAsync<string>(sql)];
    }
}
