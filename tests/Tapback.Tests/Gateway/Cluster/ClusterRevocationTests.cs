using System.Net.WebSockets;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Gateway.Integrations.Credentials;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Cluster;

/// <summary>
/// A credential revoked on node B ends the socket it opened on node A. Always on PostgreSQL (several
/// nodes need it), whichever store the rest of the run uses.
/// </summary>
public sealed class ClusterRevocationTests
{
    private const string Phone = "+15551260021";

    [Theory]
    [InlineData("revoke the API key")]
    [InlineData("delete the integration")]
    [InlineData("pair the phone again")]
    public async Task Revocation_OnNodeB_ClosesTheSocketOnNodeAWith4000(string revocation)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-cluster-").FullName;
        var store = (await TestStore.PostgresSettingsForAsync(dataDirectory)).ToDictionary(setting => setting.Key, setting => (string?)setting.Value);
        store.Add(AdminScript.Setting.Key, AdminScript.Setting.Value);
        try
        {
            await using var nodeA = await TapbackTestHost.StartAsync(store, dataDirectory);
            await using var nodeB = await TapbackTestHost.StartAsync(store, dataDirectory);
            using var adminB = new AdminScript(nodeB);
            await GatewayScript.PairAsync(nodeA, Phone);
            var integrationId = await adminB.IntegrationIdAsync(Phone);
            var (keyId, key) = await adminB.CreateKeyAsync(integrationId);
            var (socket, _) = await ScriptedAgentClient.ConnectReadyAsync(nodeA.BaseAddress, Phone, key);
            await using var _ = socket;

            switch (revocation)
            {
                case "revoke the API key":
                    (await adminB.RevokeKeyAsync(integrationId, keyId)).EnsureSuccessStatusCode();
                    break;
                case "delete the integration":
                    (await adminB.DeleteAsync(integrationId)).EnsureSuccessStatusCode();
                    break;
                default:
                    await GatewayScript.PairAsync(nodeB, Phone);
                    break;
            }

            // Neither fake clock moves, so node A's own rechecks never run: only node B's NOTIFY can close the socket.
            Assert.Equal((WebSocketCloseStatus)4000, await socket.WaitForCloseAsync());
            var refused = await Assert.ThrowsAsync<WebSocketException>(() => ScriptedAgentClient.ConnectAsync(nodeA.BaseAddress, Phone, key));
            Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await TestStore.DropPostgresAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
