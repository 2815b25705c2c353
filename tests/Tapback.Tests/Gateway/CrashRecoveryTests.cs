using System.Net.Http.Json;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway;

/// <summary>What was stored and not answered is answered after a restart, once.</summary>
public sealed class CrashRecoveryTests
{
    private const string Phone = "+15551234567";

    [Fact]
    public async Task Process_KilledWhileTheModelThinks_AnswersOnceAfterRestart()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        model.Reply = _ => "Here is the answer. It arrives once.";
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-crash-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["Tapback:Agent:Provider"] = "openai",
            ["Tapback:Agent:BaseUrl"] = model.BaseUrl.ToString(),
            ["Tapback:Agent:ApiKey"] = "k",
            ["Tapback:Agent:Model"] = "gpt-test",
            // Real time in a real process: no beat between bubbles, so the test waits for nothing.
            ["Tapback:Agent:BubbleGapMin"] = "00:00:00",
            ["Tapback:Agent:BubbleGapMax"] = "00:00:00",
        };
        try
        {
            model.Hold();
            await using (var first = await TapbackProcess.StartAsync(dataDirectory, settings))
            {
                using var response = await first.Client.PostAsJsonAsync("/api/simulator/messages", new { from = Phone, text = "are you there?", eventId = "evt-crash" });
                response.EnsureSuccessStatusCode();
                using var waitForModel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await model.WaitForRequestAsync(1, waitForModel.Token);
                first.Kill();
            }

            model.Release();
            await using var second = await TapbackProcess.StartAsync(dataDirectory, settings);
            await WaitForAsync(second, events => events.Any(e => e.Type == "message.received"));
            // Count only once the store says nothing is left to do, so a repeat would have shown.
            await StoreIdle.WaitAsync(dataDirectory);
            var events = await second.EventsAsync(Phone);

            Assert.Equal(2, model.RequestCount);
            Assert.Single(events, e => e.Type == "message.sent");
            Assert.Single(events, e => e.Type == "read");
            Assert.Equal(["Here is the answer. It arrives once."], events.Where(e => e.Type == "message.received").Select(e => e.Text));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Host_StoppedWhileTheModelThinks_AnswersOnceWhenStartedAgain()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        model.Reply = _ => "One answer. In two bubbles.\n\nSee?";
        var settings = new Dictionary<string, string?>
        {
            ["Tapback:Agent:Provider"] = "openai",
            ["Tapback:Agent:BaseUrl"] = model.BaseUrl.ToString(),
            ["Tapback:Agent:ApiKey"] = "k",
            ["Tapback:Agent:Model"] = "gpt-test",
        };
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-restart-").FullName;
        try
        {
            model.Hold();
            await using (var stopped = await TapbackTestHost.StartAsync(settings, dataDirectory))
            {
                await stopped.SendAsync(Phone, "hello before a restart");
                await stopped.AdvanceUntilAsync(() => Task.FromResult(model.RequestCount >= 1));
            }

            model.Release();
            await using var started = await TapbackTestHost.StartAsync(settings, dataDirectory);
            await started.WaitForRepliesAsync(Phone, count: 2);
            started.Time.Advance(TimeSpan.FromMinutes(5));
            await started.AdvanceUntilAsync(started.IsIdleAsync);

            var events = await started.EventsAsync(Phone);
            Assert.Single(events, e => e.Type == "message.sent");
            Assert.Single(events, e => e.Type == "read");
            Assert.Equal(["One answer. In two bubbles.", "See?"], events.Where(e => e.Type == "message.received").Select(e => e.Text));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<PhoneEventDto>> WaitForAsync(TapbackProcess tapback, Func<IReadOnlyList<PhoneEventDto>, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var events = await tapback.EventsAsync(Phone);
            if (condition(events))
            {
                return events;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The phone saw only: {string.Join(", ", events.Select(e => e.Type))}.");
            }

            await Task.Delay(50);
        }
    }
}
