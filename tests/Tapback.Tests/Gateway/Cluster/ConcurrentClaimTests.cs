using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tapback.AgentLink.Webhooks;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Outbox;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Cluster;

/// <summary>
/// Claims on PostgreSQL lock their conversation's head row instead of taking the writers' lock: many
/// claimers at once (as the workers of several nodes are) must still never hold one conversation
/// together, nor lease a row twice. Always on PostgreSQL, like the other tests of several nodes.
/// </summary>
public sealed class ConcurrentClaimTests
{
    private const int Conversations = 40;
    private const int RowsPerConversation = 3;
    private const int Claimers = 8;

    [Fact]
    public async Task AgentQueueClaim_ManyClaimersAtOnce_EachConversationHeldByOneAndEachRowLeasedOnce()
    {
        await OnPostgresAsync(async database =>
        {
            await SeedAsync(database, (conversation, row) =>
                $"INSERT INTO agent_queue (link, conversation_id, kind, state, created_at) VALUES ('builtin', '{conversation}', 'message', 'pending', 0)");
            await using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance);
            var queue = new AgentQueueStore(database, groupCommit, TimeProvider.System);

            await ClaimAllAsync(
                async owner => await queue.ClaimAsync("builtin", owner, TimeSpan.FromMinutes(1)) is { } batch
                    ? (batch.ConversationId, batch.Items.Select(item => item.Seq).ToList())
                    : null,
                (_, rows) => queue.CompleteAsync(rows));
        });
    }

    [Fact]
    public async Task OutboxClaim_ManyClaimersAtOnce_EachConversationHeldByOneAndEachRowLeasedOnce()
    {
        await OnPostgresAsync(async database =>
        {
            await SeedAsync(database, (conversation, row) =>
                $"""
                INSERT INTO outbox (idempotency_key, transport, conversation_id, kind, payload, next_attempt_at, created_at)
                VALUES ('{conversation}-{row}', 'simulator', '{conversation}', 'typing_on', '[]', 0, 0)
                """);
            await using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance);
            var outbox = new OutboxStore(database, groupCommit, new AgentLinkSignals(), Options.Create(new OutboxOptions()), TimeProvider.System);

            await ClaimAllAsync(
                async owner => await outbox.ClaimAsync(owner, TimeSpan.FromMinutes(1)) is { Count: > 0 } rows
                    ? (rows[0].ConversationId, rows.Select(row => row.Id).ToList())
                    : null,
                async (_, rows) =>
                {
                    await using var connection = await database.OpenAsync();
                    await connection.ExecuteAsync("UPDATE outbox SET state = 'done', lease_owner = NULL, lease_until = NULL WHERE id = ANY(@rows)", new { rows = rows.ToArray() });
                });
        });
    }

    [Fact]
    public async Task WebhookDeliveryClaim_ManyClaimersAtOnce_EachConversationHeldByOneAndEachRowLeasedOnce()
    {
        await OnPostgresAsync(async database =>
        {
            await using (var connection = await database.OpenAsync())
            {
                await connection.ExecuteAsync(
                    "INSERT INTO webhook_subscriptions (id, integration_id, url, events, secret, created_at, updated_at) VALUES ('sub', 'int', 'http://127.0.0.1:9/', '[]', 's', 0, 0)");
            }

            await SeedAsync(database, (conversation, row) =>
                $"""
                INSERT INTO webhook_deliveries (id, event_id, subscription_id, integration_id, type, conversation_id, next_attempt_at, created_at)
                VALUES ('{conversation}-{row}', 'evt-{conversation}-{row}', 'sub', 'int', 'message.received', '{conversation}', 0, 0)
                """);
            await using var groupCommit = new GroupCommit(database, NullLogger<GroupCommit>.Instance);
            var deliveries = new WebhookDeliveryStore(database, groupCommit, new AgentLinkSignals(), TimeProvider.System);

            await ClaimAllAsync(
                async owner => await deliveries.ClaimAsync(owner, TimeSpan.FromMinutes(1)) is { } delivery
                    ? (delivery.ConversationId, new List<long> { delivery.Seq })
                    : null,
                (owner, rows) => deliveries.MarkDeliveredAsync(new WebhookDelivery { Seq = rows[0] }, owner, 200));
        });
    }

    // Runs the claimers side by side until every seeded row was claimed and finished. A conversation is
    // marked held from its claim until just before its rows are finished, so a second claim of it in
    // that window, or a row leased twice, fails the test.
    private static async Task ClaimAllAsync(
        Func<string, Task<(string Conversation, List<long> Rows)?>> claimAsync,
        Func<string, List<long>, Task> finishAsync)
    {
        var held = new ConcurrentDictionary<string, string>();
        var leased = new ConcurrentDictionary<long, string>();
        var finished = 0;
        var failed = false;

        async Task ClaimerAsync(int index)
        {
            var owner = $"node-{index}";
            try
            {
                while (!Volatile.Read(ref failed) && Volatile.Read(ref finished) < Conversations * RowsPerConversation)
                {
                    if (await claimAsync(owner) is not { } claim)
                    {
                        await Task.Yield();
                        continue;
                    }

                    Assert.True(held.TryAdd(claim.Conversation, owner), $"{claim.Conversation} was claimed by {owner} while {held.GetValueOrDefault(claim.Conversation)} held it.");
                    foreach (var row in claim.Rows)
                    {
                        Assert.True(leased.TryAdd(row, owner), $"Row {row} was leased to {owner} after {leased.GetValueOrDefault(row)}.");
                    }

                    await Task.Yield();
                    held.TryRemove(claim.Conversation, out _);
                    await finishAsync(owner, claim.Rows);
                    Interlocked.Add(ref finished, claim.Rows.Count);
                }
            }
            catch
            {
                // Stop the other claimers, which would otherwise wait for rows that are never finished.
                Volatile.Write(ref failed, true);
                throw;
            }
        }

        var claimers = Task.WhenAll(Enumerable.Range(0, Claimers).Select(ClaimerAsync));
        await claimers.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(Conversations * RowsPerConversation, leased.Count);
    }

    private static async Task SeedAsync(Database database, Func<string, int, string> insertRow)
    {
        await using var connection = await database.OpenAsync();
        for (var c = 0; c < Conversations; c++)
        {
            var conversation = $"conv_{c:D3}";
            await connection.ExecuteAsync(
                "INSERT INTO conversations (id, transport, chat_id, handle, created_at, last_message_at) VALUES (@conversation, 'simulator', @conversation, @conversation, 0, 0)",
                new { conversation });
            for (var row = 0; row < RowsPerConversation; row++)
            {
                await connection.ExecuteAsync(insertRow(conversation, row));
            }
        }
    }

    private static async Task OnPostgresAsync(Func<Database, Task> test)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-claims-").FullName;
        try
        {
            var settings = await TestStore.PostgresSettingsForAsync(dataDirectory);
            await using var database = new Database(Options.Create(new StorageOptions
            {
                Provider = StorageProviders.Postgres,
                ConnectionString = settings["ConnectionStrings:Tapback"],
            }));
            await test(database);
        }
        finally
        {
            await TestStore.DropPostgresAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
