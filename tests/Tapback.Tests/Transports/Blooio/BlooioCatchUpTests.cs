using Microsoft.Extensions.Time.Testing;
using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Transports.Blooio.BlooioTestKit;
using static Tapback.Tests.Transports.Hosted.HostedStore;

namespace Tapback.Tests.Transports.Blooio;

/// <summary>What arrived at Blooio while Tapback was down is fetched at the next start.</summary>
public sealed class BlooioCatchUpTests
{
    [Fact]
    public async Task Start_AfterDowntime_StoresAndAnswersWhatWasMissed()
    {
        var data = Directory.CreateTempSubdirectory("tapback-blooio-").FullName;
        try
        {
            await using var blooio = new FakeBlooioServer();
            await blooio.StartAsync();
            DateTimeOffset stoppedAt;
            await using (var first = await StartAsync(blooio, dataDirectory: data))
            {
                using (await PostAsync(first, Received(first, "RX1", "hello there")))
                {
                }

                await WaitForSendsAsync(first, blooio);
                stoppedAt = first.Time.GetUtcNow();
            }

            var answeredBefore = blooio.Sent.Count;
            blooio.AddInbound(Alice, Alice, "are you still there?", stoppedAt.AddMinutes(2), "RX2");
            await using var second = await StartAsync(blooio, dataDirectory: data, time: new FakeTimeProvider(stoppedAt.AddMinutes(3)) { AutoAdvanceAmount = TimeSpan.Zero });

            await second.AdvanceUntilAsync(async () => await CountAsync(second, "SELECT count(*) FROM messages WHERE body = 'are you still there?'") == 1);
            await WaitForSendsAsync(second, blooio, answeredBefore + 1);

            Assert.Contains(blooio.Requests, r => r.Method == "GET" && r.PathAndQuery.StartsWith("/v2/api/chats/%2B15551234567/messages?direction=inbound&since=", StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Start_TextFromJustBeforeTheFirstStart_NeverAnswered()
    {
        var data = Directory.CreateTempSubdirectory("tapback-blooio-").FullName;
        try
        {
            await using var blooio = new FakeBlooioServer();
            await blooio.StartAsync();
            DateTimeOffset firstStart;
            await using (var first = await StartAsync(blooio, dataDirectory: data))
            {
                firstStart = first.Time.GetUtcNow();
                using (await PostAsync(first, Received(first, "RX1", "hello there")))
                {
                }

                await WaitForSendsAsync(first, blooio);
            }

            // Thirty seconds before Tapback first ran: inside the catch-up's one-minute overlap.
            blooio.AddInbound(Alice, Alice, "from before you existed", firstStart.AddSeconds(-30), "RX0");
            await using var second = await StartAsync(blooio, dataDirectory: data, time: new FakeTimeProvider(firstStart.AddMinutes(2)) { AutoAdvanceAmount = TimeSpan.Zero });

            await second.AdvanceUntilAsync(() => Task.FromResult(blooio.Requests.Any(r => r.Method == "GET" && r.PathAndQuery.Contains("direction=inbound", StringComparison.Ordinal))));
            await second.AdvanceUntilAsync(second.IsIdleAsync);

            Assert.Equal(0, await CountAsync(second, "SELECT count(*) FROM messages WHERE body = 'from before you existed'"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Start_WithoutApiKey_FailsNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Transports:blooio:Kind"] = "Blooio",
            ["Tapback:Transports:blooio:WebhookSecret"] = Secret,
        }));

        Assert.Contains("Tapback:Transports:blooio:ApiKey", failure.Message, StringComparison.Ordinal);
    }
}
