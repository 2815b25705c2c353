using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Tapback.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tapback.Tests.Gateway.Cluster;

/// <summary>
/// Three Tapback processes on one PostgreSQL database, behind a "load balancer" that is this test:
/// every message goes to a random node, some more than once, and one node is killed midway.
/// </summary>
public sealed partial class SeveralNodesTests(ITestOutputHelper output)
{
    // The issue's size (1,000 messages from 50 phones) with TAPBACK_TEST_NODES_SCALE=full; by default
    // 60 messages from 12 phones, so the suite stays fast on a shared two-core machine. The checks
    // are the same at both sizes.
    private static readonly bool Full = Environment.GetEnvironmentVariable("TAPBACK_TEST_NODES_SCALE") == "full";
    private static readonly int Phones = Full ? 50 : 12;
    private static readonly int MessagesPerPhone = Full ? 20 : 5;

    [Fact]
    public async Task ThreeNodes_OneKilledMidway_AnswerEveryMessageOnceInOrder()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        // The answer names the message it answers, so a reply to the wrong message, a missing one or a
        // second one shows in the phone's log.
        model.Reply = request => "re: " + MessageName().Match(request.LastUserText ?? string.Empty).Value;
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-nodes-").FullName;
        var settings = await TestStore.PostgresSettingsForAsync(dataDirectory);
        settings["Tapback:Agent:Provider"] = "openai";
        settings["Tapback:Agent:BaseUrl"] = model.BaseUrl.ToString();
        settings["Tapback:Agent:ApiKey"] = "k";
        settings["Tapback:Agent:Model"] = "gpt-test";
        // Real time in real processes: no debounce, no beat between bubbles. A node silent for 15 s is
        // taken for dead and its conversations go to the others (the heartbeat rule, docs/deploy.md),
        // long before its leases would run out; the model timeout stays generous because on a loaded
        // machine a few seconds is too short for the fake model's answer to come back.
        settings["Tapback:Agent:DebounceWindow"] = "00:00:00";
        settings["Tapback:Agent:BubbleGapMin"] = "00:00:00";
        settings["Tapback:Agent:BubbleGapMax"] = "00:00:00";
        settings["Tapback:Agent:ModelTimeout"] = "00:00:30";
        settings["Tapback:Outbox:Lease"] = "00:00:10";
        settings["Tapback:Node:HeartbeatInterval"] = "00:00:03";
        settings["Tapback:Node:StaleAfter"] = "00:00:15";
        var nodes = new List<TapbackProcess>();
        try
        {
            // The first node migrates; the others start together and find the schema there.
            nodes.Add(await TapbackProcess.StartAsync(dataDirectory, settings));
            nodes.AddRange(await Task.WhenAll(TapbackProcess.StartAsync(dataDirectory, settings), TapbackProcess.StartAsync(dataDirectory, settings)));
            var live = new ConcurrentDictionary<int, TapbackProcess>(nodes.Select((node, index) => KeyValuePair.Create(index, node)));
            var answered = 0;
            var killed = 0;
            var deliveries = 0;
            var clock = Stopwatch.StartNew();
            var killedAt = TimeSpan.Zero;

            async Task DeliverAsync(object message)
            {
                while (true)
                {
                    var candidates = live.Values.ToArray();
                    var node = candidates[Random.Shared.Next(candidates.Length)];
                    try
                    {
                        using var response = await node.Client.PostAsJsonAsync("/api/simulator/messages", message);
                        response.EnsureSuccessStatusCode();
                        Interlocked.Increment(ref deliveries);
                        return;
                    }
                    catch (HttpRequestException)
                    {
                        // The node died under the request: the phone's provider delivers it again elsewhere.
                    }
                }
            }

            async Task PhoneAsync(int phone)
            {
                var handle = $"+1555300{phone:D4}";
                for (var k = 0; k < MessagesPerPhone; k++)
                {
                    var message = new { from = handle, text = $"p{phone} m{k}", eventId = $"evt-{phone}-{k}" };
                    for (var copies = Random.Shared.Next(1, 4); copies > 0; copies--)
                    {
                        await DeliverAsync(message);
                    }

                    await WaitForReplyAsync(live, handle, k + 1);
                    if (Interlocked.Increment(ref answered) == Phones * MessagesPerPhone / 2 && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        live.TryRemove(1, out var victim);
                        victim!.Kill();
                        killedAt = clock.Elapsed;
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, Phones).Select(PhoneAsync));

            var allAnswered = clock.Elapsed;
            var survivor = live.Values.First();
            var answers = 0;
            for (var phone = 0; phone < Phones; phone++)
            {
                var events = await survivor.EventsAsync($"+1555300{phone:D4}");
                Assert.Equal(
                    Enumerable.Range(0, MessagesPerPhone).Select(k => $"re: p{phone} m{k}"),
                    events.Where(e => e.Type == "message.received").Select(e => e.Text));
                Assert.Equal(MessagesPerPhone, events.Count(e => e.Type == "message.sent"));
                answers += events.Count(e => e.Type == "message.received");
            }

            // The figures docs/deploy.md records (dotnet test … --logger "console;verbosity=detailed" shows them).
            output.WriteLine(
                $"{Phones * MessagesPerPhone} messages from {Phones} phones; {deliveries} deliveries ({deliveries - (Phones * MessagesPerPhone)} duplicates); "
                + $"node killed at {killedAt.TotalSeconds:F0} s; {answers} answers, each once and in order; all answered after {allAnswered.TotalSeconds:F0} s.");

            Assert.Equal(1, killed);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            await TestStore.DropPostgresAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    // A node killed mid-turn holds its conversations until the others see its heartbeat stale (15 s here).
    private static async Task WaitForReplyAsync(ConcurrentDictionary<int, TapbackProcess> live, string handle, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(Full ? 10 : 3);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var events = await live.Values.First().EventsAsync(handle);
                if (events.Count(e => e.Type == "message.received") >= count)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{handle} had no answer to message {count} in time.");
    }

    [GeneratedRegex(@"p\d+ m\d+")]
    private static partial Regex MessageName();
}
