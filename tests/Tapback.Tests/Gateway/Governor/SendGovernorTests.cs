using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Storage;

namespace Tapback.Tests.Gateway.Governor;

/// <summary>
/// The send governor's limits on the fake clock: each holds exactly at its threshold, keeps the held
/// send's place in its conversation, and lets it go when what it waits for happens.
/// </summary>
public sealed class SendGovernorTests
{
    [Fact]
    public async Task UnansweredLimit_OneSendPastTheLimit_IsHeldUntilThePersonAnswers_AndNothingOvertakesIt()
    {
        await using var kit = await GovernorKit.StartAsync(new Dictionary<string, string?> { ["Tapback:Governor:UnansweredLimit"] = "2" });

        // The pairing code and notice the gateway sent after /setup are not the agent's: two go, the third waits.
        var first = await kit.SendAsync("one");
        var second = await kit.SendAsync("two");
        var third = await kit.SendAsync("three");
        await kit.UntilStatusAsync(third, MessageStates.Held);
        var fourth = await kit.SendAsync("four");

        var held = await kit.MessageAsync(third);
        Assert.Equal("unanswered_limit", (string?)held["held_reason"]);
        Assert.Contains("UnansweredLimit 2", (string?)held["held_detail"], StringComparison.Ordinal);
        Assert.Equal(MessageStates.Sent, await kit.StatusAsync(first));
        Assert.Equal(MessageStates.Sent, await kit.StatusAsync(second));
        Assert.Equal(MessageStates.Queued, await kit.StatusAsync(fourth));
        Assert.Null((await kit.MessageAsync(fourth))["held_reason"]);

        await kit.Host.SendAsync(GovernorKit.Phone, "sorry, was busy");
        await kit.UntilStatusAsync(fourth, MessageStates.Sent);

        Assert.Equal(MessageStates.Sent, await kit.StatusAsync(third));
        Assert.Equal(["one", "two", "three", "four"], (await kit.PhoneSawAsync()).Where(text => text is "one" or "two" or "three" or "four"));
    }

    [Fact]
    public async Task UnansweredLimit_ASplitAnswerLongerThanTheLimit_GoesWholeAndCountsOnce()
    {
        await using var kit = await GovernorKit.StartAsync(new Dictionary<string, string?> { ["Tapback:Governor:UnansweredLimit"] = "2" });

        // One answer cut into four bubbles is one message to the person: it is not cut after its second.
        using var split = await kit.Api.PostAsJsonAsync("/v2/messages", new { to = GovernorKit.Phone, body = "First part.\n\nSecond part.\n\nThird part.\n\nFourth part.", split = true });
        Assert.Equal(HttpStatusCode.Accepted, split.StatusCode);
        var bubbles = (await split.Content.ReadFromJsonAsync<JsonObject>())!["message_ids"]!.AsArray().Select(id => (string)id!).ToList();
        Assert.True(bubbles.Count >= 3, $"the answer was cut into {bubbles.Count} bubbles");
        await kit.UntilStatusAsync(bubbles[^1], MessageStates.Sent);

        // It counted once: one more message goes, the next waits for the person.
        var second = await kit.SendAsync("second");
        var third = await kit.SendAsync("third");
        await kit.UntilStatusAsync(third, MessageStates.Held);
        Assert.Equal(MessageStates.Sent, await kit.StatusAsync(second));
        foreach (var bubble in bubbles)
        {
            Assert.Equal(MessageStates.Sent, await kit.StatusAsync(bubble));
        }
    }

    [Fact]
    public async Task PerRecipientPerMinute_SendPastTheLimit_IsHeldUntilTheMinuteFreesAPlace()
    {
        await using var kit = await GovernorKit.StartAsync(new Dictionary<string, string?> { ["Tapback:Governor:PerRecipientPerMinute"] = "2" });
        // The pairing code and notice went to this person too, and count: let their minute pass.
        kit.Host.Time.Advance(TimeSpan.FromSeconds(61));
        var startedAt = kit.Host.Time.GetUtcNow();

        await kit.SendAsync("a");
        await kit.SendAsync("b");
        var third = await kit.SendAsync("c");
        await kit.UntilStatusAsync(third, MessageStates.Held);

        var held = await kit.MessageAsync(third);
        Assert.Equal("recipient_rate", (string?)held["held_reason"]);
        Assert.True(kit.Host.Time.GetUtcNow() - startedAt < TimeSpan.FromMinutes(1));

        await kit.UntilStatusAsync(third, MessageStates.Sent);

        Assert.True(kit.Host.Time.GetUtcNow() - startedAt >= TimeSpan.FromMinutes(1));
        Assert.Equal(["a", "b", "c"], (await kit.PhoneSawAsync()).Where(text => text.Length == 1));
    }

    [Fact]
    public async Task NewConversationsPerDay_AgentStartsOneMoreThanTheLimit_ItWaitsForTheDayButAnAnswerNeverCounts()
    {
        await using var kit = await GovernorKit.StartAsync(new Dictionary<string, string?> { ["Tapback:Governor:NewConversationsPerDay"] = "2" });

        // The paired phone wrote first: answering it starts nothing.
        var answer = await kit.SendAsync("hello again");
        await kit.UntilStatusAsync(answer, MessageStates.Sent);

        // Three conversations no one wrote in (two people and a group): two start, the last to be judged
        // (their workers run side by side, each in its number's turn) waits a day.
        var started = new List<string>();
        foreach (var (chat, isGroup) in new[] { ("+15551230101", false), ("+15551230102", false), ("chat-new-group", true) })
        {
            started.Add(await StartConversationAsync(kit, chat, isGroup));
        }

        var states = new List<string?>();
        await kit.Host.AdvanceUntilAsync(
            async () =>
            {
                states = [.. await Task.WhenAll(started.Select(id => MessageStateAsync(kit, id)))];
                return states.Count(state => state == MessageStates.Sent) == 2 && states.Count(state => state == MessageStates.Held) == 1;
            },
            step: TimeSpan.FromSeconds(1));
        var held = started[states.IndexOf(MessageStates.Held)];
        Assert.Equal("new_conversations", await kit.ScalarTextAsync("SELECT held_reason FROM outbox WHERE message_id = @id", new { id = held }));
        Assert.Equal(2, await kit.ScalarAsync("SELECT count(*) FROM governor_sends WHERE starts_conversation"));

        kit.Host.Time.Advance(TimeSpan.FromDays(1));
        await kit.Host.AdvanceUntilAsync(async () => await MessageStateAsync(kit, held) == MessageStates.Sent, step: TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task OutboundRatio_PastTheRatioOverTheFloor_HoldsUntilThePersonAnswersEnough()
    {
        await using var kit = await GovernorKit.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Governor:OutboundRatio"] = "2",
            ["Tapback:Governor:OutboundRatioFloor"] = "3",
        });

        // Pairing counted: /setup in, the code out.
        Assert.Equal(1, await kit.ScalarAsync("SELECT sum(outbound) FROM governor_traffic"));
        Assert.Equal(1, await kit.ScalarAsync("SELECT sum(inbound) FROM governor_traffic"));

        // Under the floor of 3 out, two go whatever the ratio. At 3 out, a 4th would pass 2:1 against 1 in.
        var first = await kit.SendAsync("first");
        var second = await kit.SendAsync("second");
        var third = await kit.SendAsync("third");
        await kit.UntilStatusAsync(third, MessageStates.Held);
        Assert.Equal(MessageStates.Sent, await kit.StatusAsync(first));
        Assert.Equal(MessageStates.Sent, await kit.StatusAsync(second));
        Assert.Equal("outbound_ratio", (string?)(await kit.MessageAsync(third))["held_reason"]);

        // Two in: 4 out is 2:1, no longer past it.
        await kit.Host.SendAsync(GovernorKit.Phone, "ok");
        await kit.UntilStatusAsync(third, MessageStates.Sent);
    }

    [Fact]
    public async Task ApplyToSimulatorOff_TheSimulatorIsNotGoverned()
    {
        await using var kit = await GovernorKit.StartAsync(new Dictionary<string, string?> { ["Tapback:Governor:UnansweredLimit"] = "1" }, applyToSimulator: false);

        var ids = new List<string>();
        foreach (var text in new[] { "x1", "x2", "x3" })
        {
            ids.Add(await kit.SendAsync(text));
        }

        await kit.UntilStatusAsync(ids[2], MessageStates.Sent);
        Assert.Equal(0, await kit.ScalarAsync("SELECT count(*) FROM outbox WHERE held_reason IS NOT NULL"));
        Assert.Equal(0, await kit.ScalarAsync("SELECT count(*) FROM governor_sends"));
    }

    [Fact]
    public async Task TransportOverride_ReplacesTheGlobalLimitForThatInstance()
    {
        await using var kit = await GovernorKit.StartAsync(
            new Dictionary<string, string?> { ["Tapback:Governor:UnansweredLimit"] = "5" },
            extra: new Dictionary<string, string?>
            {
                ["Tapback:Transports:simulator:Kind"] = "Simulator",
                ["Tapback:Transports:simulator:Governor:UnansweredLimit"] = "1",
            });

        await kit.SendAsync("only one");
        var second = await kit.SendAsync("one too many");
        await kit.UntilStatusAsync(second, MessageStates.Held);
        Assert.Contains("UnansweredLimit 1", (string?)(await kit.MessageAsync(second))["held_detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeldSend_AgentCancelsOrEditsIt_TheCancelFreesTheConversationAndTheEditChangesTheText()
    {
        await using var kit = await GovernorKit.StartAsync(new Dictionary<string, string?> { ["Tapback:Governor:UnansweredLimit"] = "1" });
        await kit.SendAsync("first");
        var second = await kit.SendAsync("second");
        await kit.UntilStatusAsync(second, MessageStates.Held);
        var third = await kit.SendAsync("third");

        using var edited = await kit.Api.PatchAsJsonAsync($"/v2/messages/{second}", new { body = "second, reworded" });
        Assert.True(edited.IsSuccessStatusCode, await edited.Content.ReadAsStringAsync());
        Assert.Equal("second, reworded", (string?)(await kit.MessageAsync(second))["body"]);
        Assert.Equal(MessageStates.Held, await kit.StatusAsync(second));

        using var cancelled = await kit.Api.DeleteAsync($"/v2/messages/{second}");
        Assert.True(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync());
        Assert.Equal(MessageStates.Cancelled, await kit.StatusAsync(second));

        // The third is judged in its turn: still one unanswered, so it is held now.
        await kit.UntilStatusAsync(third, MessageStates.Held);
        await kit.Host.SendAsync(GovernorKit.Phone, "here");
        await kit.UntilStatusAsync(third, MessageStates.Sent);
        Assert.DoesNotContain("second, reworded", await kit.PhoneSawAsync());
    }

    [Fact]
    public async Task HeldSend_AcrossARestart_StaysHeldInItsPlaceAndGoesWhenThePersonAnswers_TheNextWaitsForTheNextAnswer()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-test-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Tapback:Governor:ApplyToSimulator"] = "true",
            ["Tapback:Governor:UnansweredLimit"] = "1",
        };
        try
        {
            string held, behind;
            var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };
            await using (var first = await Infrastructure.TapbackTestHost.StartAsync(settings, dataDirectory, time: time))
            {
                var token = await AgentLink.GatewayScript.PairAsync(first, GovernorKit.Phone);
                using var api = AgentLink.Rest.RestFixture.ClientFor(first, token);
                await SendAsync(api, "before the restart");
                held = await SendAsync(api, "held over the restart");
                await first.AdvanceUntilAsync(async () => await StateOfAsync(first, held) == MessageStates.Held, step: TimeSpan.FromSeconds(1));
                behind = await SendAsync(api, "behind it");
            }

            var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(time.GetUtcNow()) { AutoAdvanceAmount = TimeSpan.Zero };
            await using var second = await Infrastructure.TapbackTestHost.StartAsync(settings, dataDirectory, time: later);
            Assert.Equal(MessageStates.Held, await StateOfAsync(second, held));
            await second.SendAsync(GovernorKit.Phone, "back");
            await second.AdvanceUntilAsync(async () => await StateOfAsync(second, behind) == MessageStates.Held, step: TimeSpan.FromSeconds(1));

            Assert.Equal(MessageStates.Sent, await StateOfAsync(second, held));
            var seen = (await second.EventsAsync(GovernorKit.Phone)).Where(e => e.Type == "message.received").Select(e => e.Text).ToList();
            Assert.True(seen.IndexOf("before the restart") < seen.IndexOf("held over the restart"));
        }
        finally
        {
            await Infrastructure.TestStore.DropAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }

        static async Task<string> SendAsync(HttpClient api, string text)
        {
            var (response, body) = await AgentLink.Rest.RestFixture.PostAsync(api, "/v2/messages", new { to = GovernorKit.Phone, body = text });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (string)body!["message_id"]!;
        }

        static async Task<string?> StateOfAsync(Infrastructure.TapbackTestHost host, string messageId)
        {
            await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
            return await connection.ExecuteScalarAsync<string?>("SELECT state FROM messages WHERE id = @messageId", new { messageId });
        }
    }

    private static async Task<string> StartConversationAsync(GovernorKit kit, string chatId, bool isGroup)
    {
        var now = kit.Host.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var database = kit.Host.Services.GetRequiredService<Database>();
        string conversationId;
        await using (var connection = await database.OpenAsync())
        await using (var transaction = await Database.BeginWriteAsync(connection))
        {
            conversationId = await ConversationWriter.UpsertAsync(connection, transaction, "simulator", chatId, chatId, isGroup, null, now, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var ids = await kit.Host.Services.GetRequiredService<OutboxWriter>().WriteAsync(conversationId, [AgentAction.Message($"start:{chatId}", "Hi, it's the agent")]);
        return ids[0];
    }

    private static async Task<string?> MessageStateAsync(GovernorKit kit, string messageId)
    {
        await using var connection = await kit.Host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<string?>("SELECT state FROM messages WHERE id = @messageId", new { messageId });
    }
}
