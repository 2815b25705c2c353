using System.Globalization;
using System.Net.Http.Json;
using Tapback.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tapback.Tests.Faults;

/// <summary>
/// Tapback as a real process, killed with SIGKILL at random points while messages flow and started
/// again on the same data: every inbound message is answered, and none twice. Each message comes
/// from its own phone, so a second answer would show as a second bubble on that phone.
/// <c>TAPBACK_CRASH_MESSAGES</c> and <c>TAPBACK_CRASH_KILLS</c> raise the load (docs/benchmarks.md).
/// The child runs on the run's store (<c>TAPBACK_TEST_STORE</c>), which the test reads through
/// <see cref="TestStore"/>: the SQLite file or the PostgreSQL database the child was given.
/// </summary>
public sealed class CrashLoopTests(ITestOutputHelper output)
{
    private const string Answer = "Got it.";

    [Fact]
    public async Task Process_KilledAtRandomWhileMessagesFlow_EveryMessageAnsweredExactlyOnce()
    {
        var messages = FromEnvironment("TAPBACK_CRASH_MESSAGES", 100);
        var kills = FromEnvironment("TAPBACK_CRASH_KILLS", 3);
        var random = new Random(20261123);
        var killAfter = Enumerable.Range(0, kills).Select(_ => random.Next(1, messages)).ToHashSet();
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        model.Reply = _ => Answer;
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-crashloop-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["Tapback:Agent:Provider"] = "openai",
            ["Tapback:Agent:BaseUrl"] = model.BaseUrl.ToString(),
            ["Tapback:Agent:ApiKey"] = "k",
            ["Tapback:Agent:Model"] = "gpt-test",
            // Real time in a real process: no beat between bubbles, so the test waits for nothing.
            ["Tapback:Agent:BubbleGapMin"] = "00:00:00",
            ["Tapback:Agent:BubbleGapMax"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var phones = Enumerable.Range(0, messages).Select(index => $"+1555020{index:D4}").ToList();
        var killed = 0;
        var resent = 0;
        var tapback = await TapbackProcess.StartAsync(dataDirectory, settings);
        var baseAddress = tapback.BaseAddress;
        try
        {
            for (var index = 0; index < messages; index++)
            {
                // A transport redelivers what was not acknowledged; the event id makes that harmless.
                while (!await TrySendAsync(tapback, phones[index], $"message {index}", $"evt-{index}"))
                {
                    resent++;
                    await tapback.DisposeAsync();
                    tapback = await TapbackProcess.StartAsync(dataDirectory, settings, baseAddress);
                }

                if (killAfter.Contains(index))
                {
                    // Let some of the work run, a random amount, then pull the plug.
                    await Task.Delay(random.Next(0, 200));
                    tapback.Kill();
                    killed++;
                    await tapback.DisposeAsync();
                    tapback = await TapbackProcess.StartAsync(dataDirectory, settings, baseAddress);
                }
            }

            await StoreIdle.WaitAsync(dataDirectory);
            var doubles = new List<string>();
            var missing = new List<string>();
            foreach (var phone in phones)
            {
                var received = (await tapback.EventsAsync(phone)).Count(e => e.Type == "message.received");
                if (received == 0)
                {
                    missing.Add(phone);
                }
                else if (received > 1)
                {
                    doubles.Add($"{phone}×{received}");
                }
            }

            output.WriteLine($"{messages} messages, {killed} SIGKILLs, {resent} sends repeated after a kill, {model.RequestCount} model calls.");
            Assert.True(missing.Count == 0, "Never answered: " + string.Join(", ", missing));
            Assert.True(doubles.Count == 0, "Answered twice: " + string.Join(", ", doubles));
            Assert.Equal(messages, await CountAsync(dataDirectory, "SELECT count(*) FROM messages WHERE direction = 'in'"));
            Assert.Equal(0, await CountAsync(dataDirectory, "SELECT count(*) FROM outbox WHERE state IN ('failed', 'unknown')"));
        }
        finally
        {
            await tapback.DisposeAsync();
            await TestStore.DropAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<bool> TrySendAsync(TapbackProcess tapback, string from, string text, string eventId)
    {
        try
        {
            using var response = await tapback.Client.PostAsJsonAsync("/api/simulator/messages", new { from, text, eventId });
            response.EnsureSuccessStatusCode();
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<long> CountAsync(string dataDirectory, string sql)
    {
        await using var connection = await TestStore.OpenAsync(dataDirectory);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static int FromEnvironment(string name, int normal) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : normal;
}
