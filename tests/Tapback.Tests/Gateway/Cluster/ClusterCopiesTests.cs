using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Cluster;

/// <summary>
/// The in-memory copies a node keeps of small tables (<see cref="ClusterCopies"/>; the simulator's
/// SMS-only phones) stay true with two nodes on one PostgreSQL database. These always run on PostgreSQL.
/// </summary>
public sealed class ClusterCopiesTests
{
    private const string Phone = "%2B15551230088";

    [Fact]
    public async Task SimulatedPhone_MadeSmsOnlyOnNodeA_IsSmsOnlyOnNodeB_WithoutItsClockMoving()
    {
        await WithTwoNodesAsync(async (nodeA, nodeB) =>
        {
            Assert.True(await IsOnIMessageAsync(nodeB));

            using (await nodeA.Client.PutAsJsonAsync($"/api/simulator/phones/{Phone}", new { imessage = false }))
            {
            }

            // Node B's clock stays put, so its copy never grows old: only node A's nudge can make it read again.
            await Waits.UntilAsync(async () => !await IsOnIMessageAsync(nodeB));
            using (await nodeA.Client.PutAsJsonAsync($"/api/simulator/phones/{Phone}", new { imessage = true }))
            {
            }

            await Waits.UntilAsync(() => IsOnIMessageAsync(nodeB));
        });
    }

    [Fact]
    public async Task SimulatedPhone_ChangedWithoutANudge_IsReadAgainWhenListeningStopsOrTheCopyGrowsOld()
    {
        await WithTwoNodesAsync(async (_, nodeB) =>
        {
            Assert.True(await IsOnIMessageAsync(nodeB));

            // A change whose nudge was lost: node B's copy does not know of it yet.
            await SetWithoutNudgeAsync(nodeB, imessage: false);
            Assert.True(await IsOnIMessageAsync(nodeB));

            // A copy grows old: after a second of node B's clock it is read again.
            nodeB.Time.Advance(ClusterCopies.MaxAge);
            Assert.False(await IsOnIMessageAsync(nodeB));

            // While a node does not hear the others, no copy is trusted: every question reads the table.
            await SetWithoutNudgeAsync(nodeB, imessage: true);
            nodeB.Services.GetRequiredService<ClusterCopies>().SetListening(false);
            Assert.True(await IsOnIMessageAsync(nodeB));
            await SetWithoutNudgeAsync(nodeB, imessage: false);
            Assert.False(await IsOnIMessageAsync(nodeB));
        });
    }

    private static async Task WithTwoNodesAsync(Func<TapbackTestHost, TapbackTestHost, Task> test)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-cluster-").FullName;
        var store = (await TestStore.PostgresSettingsForAsync(dataDirectory)).ToDictionary(setting => setting.Key, setting => (string?)setting.Value);
        try
        {
            await using var nodeA = await TapbackTestHost.StartAsync(store, dataDirectory);
            await using var nodeB = await TapbackTestHost.StartAsync(store, dataDirectory);
            await Waits.UntilAsync(() => Task.FromResult(
                nodeA.Services.GetRequiredService<ClusterCopies>().Listening && nodeB.Services.GetRequiredService<ClusterCopies>().Listening));
            await test(nodeA, nodeB);
        }
        finally
        {
            await TestStore.DropPostgresAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<bool> IsOnIMessageAsync(TapbackTestHost node) =>
        (await node.Client.GetFromJsonAsync<JsonElement>($"/api/simulator/phones/{Phone}")).GetProperty("imessage").GetBoolean();

    private static async Task SetWithoutNudgeAsync(TapbackTestHost node, bool imessage)
    {
        await using var connection = await node.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO simulator_phones (handle, imessage, updated_at) VALUES (@handle, @imessage, 0)
            ON CONFLICT (handle) DO UPDATE SET imessage = excluded.imessage
            """,
            new { handle = Uri.UnescapeDataString(Phone), imessage });
    }
}
