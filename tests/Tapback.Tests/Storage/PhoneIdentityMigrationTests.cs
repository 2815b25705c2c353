using System.Net;
using Dapper;
using Tapback.Gateway.Pairing;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Storage;

/// <summary>
/// Migration 0020 keys integrations by transport and phone. A store that migrations 0001–0019 made,
/// holding an integration paired then, is started by today's Tapback: the integration keeps working.
/// </summary>
public sealed class PhoneIdentityMigrationTests
{
    private const string Phone = "+15551270001";
    private const string Token = "tbk_paired-before-migration-0020-0123456789abcdef";
    private const string IntegrationId = "int_before0020";

    [Fact]
    public async Task Migration0020_IntegrationPairedBefore_KeepsItsTokenItsRouteAndIsReplacedByARepairing()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-test-").FullName;
        var postgresDatabase = TestStore.IsPostgres ? $"tapback_before0020_{Guid.NewGuid():N}" : null;
        try
        {
            var (connectionString, settings) = await StoreBefore.EmptyAsync(dataDirectory, postgresDatabase);
            StoreBefore.Migrate(connectionString, 20);
            await using (var connection = StoreBefore.Open(connectionString))
            {
                await connection.OpenAsync();
                await connection.ExecuteAsync(
                    """
                    INSERT INTO integrations (id, phone, name, transport, token_hash, status, created_at, updated_at)
                    VALUES (@IntegrationId, @Phone, 'Paired before 0020', 'simulator', @hash, 'active', 0, 0)
                    """,
                    new { IntegrationId, Phone, hash = Secrets.Hash(Token) });
            }

            await using var host = await TapbackTestHost.StartAsync(settings, dataDirectory);
            using var client = RestFixture.ClientFor(host, Token);
            var (conversations, _) = await RestFixture.GetAsync(client, "/v2/conversations");
            Assert.Equal(HttpStatusCode.OK, conversations.StatusCode);

            await host.SendAsync(Phone, "still mine after the upgrade");
            Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM agent_queue WHERE link = @link", new { link = $"integration:{IntegrationId}" }));

            // The same number on another transport is another phone, with its own live integration.
            await using (var connection = await ((Database)host.Services.GetService(typeof(Database))!).OpenAsync())
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO integrations (id, phone, name, transport, token_hash, status, created_at, updated_at)
                    VALUES ('int_other_transport', @Phone, 'Same number elsewhere', 'home-mac', 'not-a-token-hash', 'active', 0, 0)
                    """,
                    new { Phone });
            }

            await GatewayScript.PairAsync(host, Phone);
            Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM integrations WHERE id = 'int_other_transport' AND status = 'active'", new { }));
            Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM integrations WHERE id = @IntegrationId AND status = 'deleted'", new { IntegrationId }));
            var (revoked, _) = await RestFixture.GetAsync(client, "/v2/conversations");
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        }
        finally
        {
            await StoreBefore.CleanUpAsync(dataDirectory, postgresDatabase);
        }
    }

    private static async Task<long> CountAsync(TapbackTestHost host, string sql, object parameters)
    {
        await using var connection = await ((Database)host.Services.GetService(typeof(Database))!).OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }
}
