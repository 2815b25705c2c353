using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.AgentLink.Webhooks;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Storage;

/// <summary>
/// Migration 0023 adds who answers an integration (<c>agent</c>) and when its socket last came
/// (<c>last_connected_at</c>). Integrations stored before it keep their behaviour: their own agent
/// answers, and one whose WebSocket took events keeps its queue beside its webhooks; one that only its
/// webhooks ever answered stops growing a queue.
/// </summary>
public sealed class AgentModeMigrationTests
{
    private const string SocketPhone = "+15551270231";
    private const string HookPhone = "+15551270232";

    [Fact]
    public async Task Migration0023_IntegrationsStoredBefore_KeepTheirAgentAndASocketsQueue()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-test-").FullName;
        var postgresDatabase = TestStore.IsPostgres ? $"tapback_before0023_{Guid.NewGuid():N}" : null;
        try
        {
            var (connectionString, settings) = await StoreBefore.EmptyAsync(dataDirectory, postgresDatabase);
            StoreBefore.Migrate(connectionString, 23);
            await using (var connection = StoreBefore.Open(connectionString))
            {
                await connection.OpenAsync();
                await StoreIntegrationAsync(connection, "int_socket", SocketPhone, queueState: "done");
                await StoreIntegrationAsync(connection, "int_hooks", HookPhone, queueState: "pending");
            }

            foreach (var (key, value) in WebhookTestKit.Settings())
            {
                settings[key] = value;
            }

            await using var host = await TapbackTestHost.StartAsync(settings, dataDirectory);
            await host.SendAsync(SocketPhone, "after the upgrade");
            await host.SendAsync(HookPhone, "after the upgrade");

            Assert.Equal(2, await CountAsync(host, "SELECT count(*) FROM integrations WHERE agent = 'own'"));
            Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM integrations WHERE id = 'int_socket' AND last_connected_at IS NOT NULL"));
            // The rows stored before (at time 0) are the queue bounds' to expire; what came after the upgrade:
            Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM agent_queue WHERE link = 'integration:int_socket' AND state = 'pending' AND created_at > 0"));
            Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM agent_queue WHERE link = 'integration:int_hooks' AND created_at > 0"));
            Assert.Equal(2, await CountAsync(host, "SELECT count(*) FROM webhook_deliveries"));
        }
        finally
        {
            await StoreBefore.CleanUpAsync(dataDirectory, postgresDatabase);
        }
    }

    private static async Task StoreIntegrationAsync(System.Data.Common.DbConnection connection, string id, string phone, string queueState)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO integrations (id, phone, name, transport, token_hash, status, created_at, updated_at)
            VALUES (@id, @phone, @phone, 'simulator', @tokenHash, 'active', 0, 0);
            INSERT INTO conversations (id, transport, chat_id, handle, is_group, created_at, last_message_at)
            VALUES (@conversationId, 'simulator', @chatId, @phone, FALSE, 0, 0);
            INSERT INTO agent_queue (link, conversation_id, kind, state, created_at)
            VALUES (@link, @conversationId, 'message', @queueState, 0);
            INSERT INTO webhook_subscriptions (id, integration_id, url, events, secret, created_at, updated_at)
            VALUES (@webhookId, @id, 'http://127.0.0.1:9/hook', '["message.received"]', 'whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=', 0, 0);
            """,
            new
            {
                id,
                phone,
                tokenHash = "hash-of-" + id,
                conversationId = "conv_" + id,
                chatId = "old-chat-" + id,
                link = "integration:" + id,
                queueState,
                webhookId = "wh_" + id,
            });
    }

    private static async Task<long> CountAsync(TapbackTestHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
