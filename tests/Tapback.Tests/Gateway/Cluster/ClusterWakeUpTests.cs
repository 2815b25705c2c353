using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Cluster;

/// <summary>
/// Two nodes on one PostgreSQL database. These always run on PostgreSQL (several nodes need it),
/// whichever store the rest of the run uses.
/// </summary>
public sealed class ClusterWakeUpTests
{
    private const string Phone = "+15551230077";

    [Fact]
    public async Task AgentSocket_OnNodeA_ReceivesAMessageThatArrivedAtNodeB_AtOnce()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-cluster-").FullName;
        var store = (await TestStore.PostgresSettingsForAsync(dataDirectory)).ToDictionary(setting => setting.Key, setting => (string?)setting.Value);
        try
        {
            await using var nodeA = await TapbackTestHost.StartAsync(store, dataDirectory);
            await using var nodeB = await TapbackTestHost.StartAsync(store, dataDirectory);
            var token = await GatewayScript.PairAsync(nodeA, Phone);
            var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(nodeA.BaseAddress, Phone, token);
            await using var _ = client;

            await nodeB.SendAsync(Phone, "hello through node B");

            // Neither fake clock moves, so node A's socket never reaches its next poll: only node B's
            // NOTIFY can wake it.
            var frame = await client.ReceiveAsync("message.received");
            Assert.Equal("hello through node B", (string?)frame["data"]!["parts"]![0]!["value"]);
        }
        finally
        {
            await TestStore.DropPostgresAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
