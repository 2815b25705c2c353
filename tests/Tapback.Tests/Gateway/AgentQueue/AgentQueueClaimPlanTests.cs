using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.AgentQueue;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.AgentQueue;

/// <summary>
/// A claim must not cost as much as the backlog is long: it walks the pending rows in seq order and
/// stops at the first conversation it may take. When it sorted the whole backlog instead, a claim took
/// 100 ms at 38,000 waiting conversations, inside the one writer, and turns fell from hundreds a
/// second to eight. The store's query plan is the check: timing it would only measure the machine.
/// </summary>
public sealed class AgentQueueClaimPlanTests : IAsyncLifetime
{
    private TapbackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task LeaseSql_ReadsPendingRowsInSeqOrder_NeverSortsTheBacklog()
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var parameters = new { link = "builtin", owner = "plan-test", now = 0L, quietSince = 0L, typingSince = 0L, leaseUntil = 0L };

        if (TestStore.IsPostgres)
        {
            // The tables are nearly empty, so a sort would cost nothing; priced out, the planner shows
            // whether an index gives the order.
            await connection.ExecuteAsync("SET LOCAL enable_sort = off", transaction: transaction);
        }

        var plan = await QueryPlan.ExplainAsync(connection, transaction, AgentQueueStore.LeaseSql(connection), parameters);

        if (TestStore.IsPostgres)
        {
            Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("TEMP B-TREE FOR ORDER BY", plan, StringComparison.Ordinal);
            Assert.Contains("ix_agent_queue_claim_order", plan, StringComparison.Ordinal);
        }
    }
}
