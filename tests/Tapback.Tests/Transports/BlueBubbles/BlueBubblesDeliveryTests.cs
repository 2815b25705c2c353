using System.Net;
using Microsoft.Extensions.Time.Testing;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Transports.BlueBubbles;

/// <summary>Through the gateway's outbox and inbox: unknown outcomes, delivery reports, the answer window.</summary>
public sealed class BlueBubblesDeliveryTests
{
    private const string Phone = "+15551234567";
    private const string OneToOne = "iMessage;-;+15551234567";

    [Fact]
    public async Task Outbox_SendWhoseAnswerWasLost_ReconciledFromTheChatAndNotRepeated()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        // The first bubble reaches Messages, then the connection drops before the answer.
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Drop = true, AfterSending = true });

        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "hello", host.Now(), OneToOne));
        await host.AdvanceUntilAsync(
            async () => fake.Sent.Count > 0 && await host.CountAsync("SELECT count(*) FROM outbox WHERE state <> 'done'") == 0 && await host.IsIdleAsync(),
            step: TimeSpan.FromSeconds(1));

        var requests = fake.RequestsTo("POST", "/api/v1/message/text");
        Assert.Equal(requests.Count, requests.Select(request => request.Body!["tempGuid"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(requests.Count, fake.Sent.Count);
        Assert.NotEmpty(fake.RequestsTo("POST", "/api/v1/message/query"));
        var lost = fake.Sent[0]["guid"]!.GetValue<string>();
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'out' AND state = 'sent' AND provider_id = @lost", new { lost }));
    }

    [Fact]
    public async Task ReceiveAsync_DeliveredThenRead_MoveOurMessageForward()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "hello", host.Now(), OneToOne));
        await host.WaitForSendsAsync(fake);
        var update = (System.Text.Json.Nodes.JsonObject)fake.Sent[0].DeepClone();
        var guid = update["guid"]!.GetValue<string>();
        update.Remove("chats");

        update["dateDelivered"] = host.Now();
        using var delivered = await host.PostWebhookAsync(BlueBubblesPayloads.Event("updated-message", update));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE provider_id = @guid AND state = 'delivered'", new { guid }));
        update["dateRead"] = host.Now();
        using var read = await host.PostWebhookAsync(BlueBubblesPayloads.Event("updated-message", update));
        using var again = await host.PostWebhookAsync(BlueBubblesPayloads.Event("updated-message", update));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE provider_id = @guid AND state = 'read'", new { guid }));
    }

    [Fact]
    public async Task ReceiveAsync_DeliveredBeforeTheTimedOutSendWasFound_KeptAndAppliedWhenItIs()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        // The first bubble goes out, but the server never answers: Tapback must look it up later.
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Hang = true, AfterSending = true });
        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "hello", host.Now(), OneToOne));
        await host.AdvanceUntilAsync(() => Task.FromResult(fake.Sent.Count > 0), step: TimeSpan.FromSeconds(1));
        var update = (System.Text.Json.Nodes.JsonObject)fake.Sent[0].DeepClone();
        var guid = update["guid"]!.GetValue<string>();
        update.Remove("chats");
        update["dateDelivered"] = host.Now();

        using var delivered = await host.PostWebhookAsync(BlueBubblesPayloads.Event("updated-message", update));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM messages WHERE provider_id = @guid", new { guid }));
        await host.AdvanceUntilAsync(
            async () => await host.CountAsync("SELECT count(*) FROM outbox WHERE state NOT IN ('done', 'failed', 'unknown')") == 0 && await host.IsIdleAsync(),
            step: TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE provider_id = @guid AND state = 'delivered'", new { guid }));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM kept_status_reports"));
    }

    [Fact]
    public async Task CatchUp_OldBacklog_StoredButOnlyTheRecentAnswered()
    {
        var start = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        var data = Directory.CreateTempSubdirectory("tapback-bb-").FullName;
        try
        {
            await using (var first = await BlueBubblesHost.StartAsync(fake, dataDirectory: data, time: new FakeTimeProvider(start) { AutoAdvanceAmount = TimeSpan.Zero }))
            {
                await first.AdvanceUntilAsync(async () => await first.CountAsync("SELECT count(*) FROM bluebubbles_cursors") == 1);
            }

            // Down for two hours: one message from early on, one from just now.
            fake.AddMessage(BlueBubblesPayloads.Message("OLD-1", "+15550000001", "anyone?", start.AddMinutes(5).ToUnixTimeMilliseconds()));
            fake.AddMessage(BlueBubblesPayloads.Message("NEW-1", Phone, "hello again", start.AddHours(2).AddMinutes(-1).ToUnixTimeMilliseconds()));
            await using var second = await BlueBubblesHost.StartAsync(fake, dataDirectory: data, time: new FakeTimeProvider(start.AddHours(2)) { AutoAdvanceAmount = TimeSpan.Zero });

            await second.WaitForSendsAsync(fake);
            Assert.Equal(2, await second.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in'"));
            Assert.All(fake.RequestsTo("POST", "/api/v1/message/text"), send => Assert.Equal(OneToOne, send.Body!["chatGuid"]!.GetValue<string>()));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
