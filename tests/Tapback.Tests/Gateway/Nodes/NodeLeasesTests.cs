using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Nodes;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Nodes;

/// <summary>
/// Whose leases a node takes without waiting for them to run out: its own previous start's, and a
/// dead node's (heartbeat stale), never a live node's. Runs on both stores.
/// </summary>
public sealed class NodeLeasesTests
{
    private const string Phone = "+15551230055";
    private static readonly TimeSpan AnHour = TimeSpan.FromHours(1);

    [Fact]
    public async Task Start_ItsOwnPreviousStartStillHoldsLeases_FreesThemAtOnce()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-node-restart-").FullName;
        try
        {
            string nodeId;
            long seq;
            await using (var first = await TapbackTestHost.StartAsync(dataDirectory: dataDirectory))
            {
                nodeId = first.Services.GetRequiredService<NodeIdentity>().NodeId;
                // As if this node had been killed mid-turn: its start still looks alive, its lease runs an hour.
                seq = await LeaseAsync(first, $"{nodeId}/killed", nodeId, owner: $"{nodeId}/killed#3");
            }

            await using var second = await TapbackTestHost.StartAsync(dataDirectory: dataDirectory);

            Assert.Equal(nodeId, second.Services.GetRequiredService<NodeIdentity>().NodeId);
            Assert.Equal(0, await LeaseUntilAsync(second, seq));
        }
        finally
        {
            await TestStore.DropAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Heartbeat_AnotherNodeKeepsBeating_NeverTakesItsLeases()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var seq = await LeaseAsync(host, "other-node/1", "other-node", owner: "other-node/1#7");
        var leaseUntil = await LeaseUntilAsync(host, seq);

        // Five minutes, far past StaleAfter, with the other node beating as often as this one.
        for (var beat = 0; beat < 30; beat++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(10));
            await BeatAsync(host, "other-node/1");
            await WaitForOwnBeatAsync(host);
        }

        Assert.Equal(leaseUntil, await LeaseUntilAsync(host, seq));
        Assert.Null(await EndedAtAsync(host, "other-node/1"));
    }

    [Fact]
    public async Task Heartbeat_AnotherNodeStopsBeating_TakesItsLeasesOnceItIsStale()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var seq = await LeaseAsync(host, "dead-node/1", "dead-node");
        var leaseUntil = await LeaseUntilAsync(host, seq);
        // One of its claims (incarnation#claim), and a live node whose incarnation merely starts the same way.
        var claimed = await LeaseAsync(host, "dead-node/1", "dead-node", owner: "dead-node/1#12", addNode: false);
        var lookalike = await LeaseAsync(host, "dead-node/10", "dead-node-2", owner: "dead-node/10#1");

        // Under a minute of silence (Tapback:Node:StaleAfter): the node may only be slow.
        for (var beat = 0; beat < 5; beat++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(10));
            await BeatAsync(host, "dead-node/10");
            await WaitForOwnBeatAsync(host);
            Assert.Equal(leaseUntil, await LeaseUntilAsync(host, seq));
        }

        // Past it, the next beat takes the lease, long before the lease itself runs out.
        await host.AdvanceUntilAsync(
            async () =>
            {
                await BeatAsync(host, "dead-node/10");
                return await LeaseUntilAsync(host, seq) == 0;
            },
            step: TimeSpan.FromSeconds(10));
        Assert.Equal(0, await LeaseUntilAsync(host, claimed));
        Assert.Equal(leaseUntil, await LeaseUntilAsync(host, lookalike));

        Assert.True(host.Time.GetUtcNow().ToUnixTimeMilliseconds() < leaseUntil);
        Assert.NotNull(await EndedAtAsync(host, "dead-node/1"));
    }

    [Fact]
    public async Task Start_TwoNodesOnOneDataDirectory_TakeDifferentIdsAndARestartTakesItsOwnBack()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-node-ids-").FullName;
        try
        {
            await using var first = await TapbackTestHost.StartAsync(dataDirectory: dataDirectory);
            string secondId;
            await using (var second = await TapbackTestHost.StartAsync(dataDirectory: dataDirectory))
            {
                secondId = second.Services.GetRequiredService<NodeIdentity>().NodeId;
                Assert.NotEqual(first.Services.GetRequiredService<NodeIdentity>().NodeId, secondId);
            }

            await using var restarted = await TapbackTestHost.StartAsync(dataDirectory: dataDirectory);
            Assert.Equal(secondId, restarted.Services.GetRequiredService<NodeIdentity>().NodeId);
        }
        finally
        {
            await TestStore.DropAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Records a node start that beats now (unless <paramref name="addNode"/> is false) and an agent-queue
    /// row it leases for an hour, as <paramref name="owner"/> (one of its claims) or else as the bare
    /// incarnation (how older releases leased); returns the row's seq.
    /// </summary>
    private static async Task<long> LeaseAsync(TapbackTestHost host, string incarnation, string nodeId, string? owner = null, bool addNode = true)
    {
        await host.SendAsync(Phone, "a conversation for the leased row");
        var now = host.Time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        var conversationId = await connection.ExecuteScalarAsync<string>("SELECT min(id) FROM conversations");
        if (addNode)
        {
            await connection.ExecuteAsync(
                "INSERT INTO nodes (incarnation, node_id, started_at, heartbeat_at) VALUES (@incarnation, @nodeId, @now, @now)",
                new { incarnation, nodeId, now });
        }

        // A link no worker of this node reads, so only the node rule can touch the lease.
        return await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO agent_queue (link, conversation_id, kind, state, lease_owner, lease_until, created_at)
            VALUES ('elsewhere', @conversationId, 'message', 'pending', @owner, @until, @now)
            RETURNING seq
            """,
            new { conversationId, owner = owner ?? incarnation, until = now + (long)AnHour.TotalMilliseconds, now });
    }

    private static async Task BeatAsync(TapbackTestHost host, string incarnation)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE nodes SET heartbeat_at = @now WHERE incarnation = @incarnation",
            new { incarnation, now = host.Time.GetUtcNow().ToUnixTimeMilliseconds() });
    }

    // The heartbeat runs on its own timer: wait (in real time, bounded) until it has run at the fake clock's now.
    private static async Task WaitForOwnBeatAsync(TapbackTestHost host)
    {
        var incarnation = host.Services.GetRequiredService<NodeIdentity>().Incarnation;
        var now = host.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
            if (await connection.ExecuteScalarAsync<long>("SELECT heartbeat_at FROM nodes WHERE incarnation = @incarnation", new { incarnation }) >= now)
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The node did not beat.");
    }

    private static async Task<long?> LeaseUntilAsync(TapbackTestHost host, long seq)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long?>("SELECT lease_until FROM agent_queue WHERE seq = @seq", new { seq });
    }

    private static async Task<long?> EndedAtAsync(TapbackTestHost host, string incarnation)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long?>("SELECT ended_at FROM nodes WHERE incarnation = @incarnation", new { incarnation });
    }
}
