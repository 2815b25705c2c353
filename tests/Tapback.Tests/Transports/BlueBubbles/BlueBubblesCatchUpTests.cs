using Microsoft.Extensions.Time.Testing;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Transports.BlueBubbles;

public sealed class BlueBubblesCatchUpTests
{
    private const string Phone = "+15551234567";
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static FakeTimeProvider ClockAt(DateTimeOffset at) => new(at) { AutoAdvanceAmount = TimeSpan.Zero };

    [Fact]
    public async Task CatchUp_AfterDowntime_StoresWhatTheWebhooksMissedAndAnswersIt()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();

        await RestartedAsync(
            fake,
            Start.AddMinutes(11),
            () => fake.AddMessage(BlueBubblesPayloads.Message("MISSED-1", Phone, "are you there?", Start.AddMinutes(10).ToUnixTimeMilliseconds())),
            async second =>
            {
                await second.WaitForSendsAsync(fake);
                Assert.Equal(1, await second.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in' AND body = 'are you there?'"));
                Assert.All(fake.RequestsTo("POST", "/api/v1/message/text"), send => Assert.Equal($"iMessage;-;{Phone}", send.Body!["chatGuid"]!.GetValue<string>()));
            });
    }

    [Fact]
    public async Task CatchUp_TextFromJustBeforeTheFirstStart_NeverAnswered()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();

        await RestartedAsync(
            fake,
            Start.AddMinutes(3),
            () =>
            {
                // Two minutes before Tapback ever ran: inside the catch-up's 5-minute look-back, and inside the answer window.
                fake.AddMessage(BlueBubblesPayloads.Message("BEFORE-1", "+15550000002", "before you existed", Start.AddMinutes(-2).ToUnixTimeMilliseconds()));
                fake.AddMessage(BlueBubblesPayloads.Message("AFTER-1", Phone, "after the start", Start.AddMinutes(1).ToUnixTimeMilliseconds()));
            },
            async second =>
            {
                await second.WaitForSendsAsync(fake);
                Assert.Equal(0, await second.CountAsync("SELECT count(*) FROM messages WHERE body = 'before you existed'"));
                Assert.All(fake.RequestsTo("POST", "/api/v1/message/text"), send => Assert.Equal($"iMessage;-;{Phone}", send.Body!["chatGuid"]!.GetValue<string>()));
                Assert.All(fake.RequestsTo("POST", "/api/v1/message/query"), query => Assert.True(query.Body!["after"]!.GetValue<long>() >= Start.ToUnixTimeMilliseconds()));
            });
    }

    [Fact]
    public async Task CatchUp_MessageWhoseFileIsNotOnTheMacYet_DoesNotStopTheMessagesAfterIt()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        await host.AdvanceUntilAsync(async () => await host.CountAsync("SELECT count(*) FROM bluebubbles_cursors") == 1);
        fake.AddFileNotOnDisk("at_voice");
        var voice = BlueBubblesPayloads.Message("MISSED-VOICE", Phone, "\uFFFC", host.Now() + 1000);
        voice["attachments"] = new System.Text.Json.Nodes.JsonArray(BlueBubblesPayloads.Attachment("at_voice", "Audio Message.caf", "audio/x-caf", 10));
        fake.AddMessage(voice);
        fake.AddMessage(BlueBubblesPayloads.Message("MISSED-TEXT", Phone, "did you get my voice memo?", host.Now() + 2000));

        using var hello = await host.PostWebhookAsync(BlueBubblesPayloads.Event("hello-world", null));
        await host.AdvanceUntilAsync(async () => await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in'") == 2);

        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE body = 'did you get my voice memo?'"));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM pending_attachments"));
    }

    [Fact]
    public async Task CatchUp_HelloWorld_QueriesAgainAndStoresOnce()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        await host.AdvanceUntilAsync(async () => await host.CountAsync("SELECT count(*) FROM bluebubbles_cursors") == 1);
        var missed = BlueBubblesPayloads.Message("MISSED-1", Phone, "hello?", host.Now() + 1000);
        fake.AddMessage(missed);

        using var hello = await host.PostWebhookAsync(BlueBubblesPayloads.Event("hello-world", null));
        await host.AdvanceUntilAsync(async () => await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in'") == 1);
        using var late = await host.PostMessageAsync(missed);
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        Assert.Equal(System.Net.HttpStatusCode.OK, hello.StatusCode);
        Assert.NotEmpty(fake.RequestsTo("POST", "/api/v1/message/query"));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in'"));
    }

    [Fact]
    public async Task CatchUp_OwnSendsAndTapbacksInTheHistory_OnlyInboundStored()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        await host.AdvanceUntilAsync(async () => await host.CountAsync("SELECT count(*) FROM bluebubbles_cursors") == 1);
        var now = host.Now();
        fake.AddMessage(BlueBubblesPayloads.Message("IN-1", Phone, "first", now + 1000));
        fake.AddMessage(BlueBubblesPayloads.Message("OUT-1", "me@icloud.com", "typed on the Mac", now + 2000, $"iMessage;-;{Phone}", isFromMe: true));
        fake.AddMessage(BlueBubblesPayloads.Tapback("TB-1", Phone, "IN-1", "love", now + 3000));

        using var hello = await host.PostWebhookAsync(BlueBubblesPayloads.Event("hello-world", null));
        await host.AdvanceUntilAsync(async () => await host.CountAsync("SELECT count(*) FROM reactions") == 1);

        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in'"));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM messages WHERE body = 'typed on the Mac'"));
    }

    /// <summary>A first start at <see cref="Start"/> (it only sets the cursor), then what happened while down, then a second start.</summary>
    private static async Task RestartedAsync(FakeBlueBubblesServer fake, DateTimeOffset secondStart, Action whileDown, Func<TapbackTestHost, Task> then)
    {
        var data = Directory.CreateTempSubdirectory("tapback-bb-").FullName;
        try
        {
            await using (var first = await BlueBubblesHost.StartAsync(fake, dataDirectory: data, time: ClockAt(Start)))
            {
                // The first start only sets the cursor: the Mac's history is not answered.
                await first.AdvanceUntilAsync(async () => await first.CountAsync("SELECT count(*) FROM bluebubbles_cursors") == 1);
            }

            whileDown();
            await using var second = await BlueBubblesHost.StartAsync(fake, dataDirectory: data, time: ClockAt(secondStart));
            await then(second);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
