using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tapback.Tests.Faults;

/// <summary>
/// A provider that fails at random (seeded): retryable errors, 429 with Retry-After, and timeouts
/// whose outcome is unknown. Nothing is lost, nothing is sent twice, and retries stay bounded.
/// </summary>
public sealed class TransportFaultTests(ITestOutputHelper output)
{
    private const int Conversations = 10;
    private const int MaxAttempts = 8;

    [Fact]
    public async Task Outbox_ProviderFailingAtRandom_NothingLostNothingTwiceRetriesBounded()
    {
        var random = new Random(20261123);
        var attempts = new ConcurrentDictionary<string, int>();
        var unknown = new ConcurrentDictionary<string, int>();
        var transport = new RecordingTransport("chaos")
        {
            BeforeExecute = (action, _) =>
            {
                var attempt = attempts.AddOrUpdate(action.IdempotencyKey, 1, (_, count) => count + 1);
                int roll;
                lock (random)
                {
                    roll = random.Next(100);
                }

                switch (roll)
                {
                    case < 25:
                        throw new TransportException("503 from the provider", retryable: true);
                    case < 35:
                        throw new TransportException("429 from the provider", retryable: true) { RetryAfter = TimeSpan.FromSeconds(3) };
                    case < 40 when action is SendMessageAction:
                        unknown[action.IdempotencyKey] = attempt;
                        throw new TransportException("The provider timed out after the request was sent.", retryable: true) { OutcomeUnknown = true };
                }
            },
        };
        await using var host = await TapbackTestHost.StartAsync(
            new Dictionary<string, string?> { ["Tapback:Agent:AllowFrom:0"] = "*" },
            services: services => services.AddSingleton<IMessageTransport>(transport));
        var inbox = host.Services.GetRequiredService<Inbox>();

        for (var index = 0; index < Conversations; index++)
        {
            var phone = $"+1555040{index:D4}";
            await inbox.ReceiveMessageAsync(new InboundMessage { Transport = transport.Name, EventId = $"evt-{index}", ChatId = phone, From = phone, Text = $"hello {index}" });
        }

        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(5), realTimeout: TimeSpan.FromSeconds(60));

        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        var rows = (await connection.QueryAsync<(string Key, string State, long Attempts, string Kind)>(
            "SELECT idempotency_key AS Key, state AS State, attempts AS Attempts, kind AS Kind FROM outbox")).ToList();
        var sent = transport.Actions.OfType<SendMessageAction>().GroupBy(send => send.IdempotencyKey).ToList();
        output.WriteLine($"{rows.Count} outbox rows, {attempts.Values.Sum()} provider calls, {unknown.Count} unknown outcomes; states: {string.Join(", ", rows.GroupBy(row => row.State).Select(group => $"{group.Key}×{group.Count()}"))}.");

        Assert.All(sent, group => Assert.Single(group));
        // An unknown outcome is the last attempt of its row: never blindly sent again.
        Assert.All(unknown, pair => Assert.Equal(pair.Value, attempts[pair.Key]));
        Assert.All(unknown, pair => Assert.Equal("unknown", rows.Single(row => row.Key == pair.Key).State));
        Assert.All(rows, row => Assert.InRange(row.Attempts, 1, MaxAttempts));
        // Everything else was carried out, or given up only after the bounded number of attempts.
        Assert.All(rows.Where(row => !unknown.ContainsKey(row.Key)), row => Assert.True(row.State == "done" || (row.State == "failed" && row.Attempts == MaxAttempts), $"{row.Key}: {row.State} after {row.Attempts}"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM agent_queue WHERE state = 'pending'"));
        Assert.Equal(Conversations, await connection.ExecuteScalarAsync<long>("SELECT count(DISTINCT conversation_id) FROM outbox WHERE kind = 'message'"));
    }
}
