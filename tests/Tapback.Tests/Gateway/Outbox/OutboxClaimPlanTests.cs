using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Outbox;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Outbox;

/// <summary>
/// An outbox claim looks for the oldest claimable conversation head among the oldest open rows, read
/// in id order from ix_outbox_open_order, so its cost does not follow the backlog. Stepping through every
/// open conversation instead took 33 ms per claim once a burst had answered 4,000 conversations, inside
/// SQLite's one writer, and the outbox sent thirty conversations a second. The store's plan is the check.
/// </summary>
public sealed class OutboxClaimPlanTests : IAsyncLifetime
{
    private TapbackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task HeadAmongOldestSql_ReadsABoundedRunOfOpenRowsInIdOrder()
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var plan = await QueryPlan.ExplainAsync(connection, transaction, OutboxStore.HeadAmongOldestSql(connection), new { now = 0L });

        if (TestStore.IsPostgres)
        {
            // PostgreSQL plans from its statistics (no index is forced there); what matters is that the
            // run of open rows it reads is bounded before anything else is done with it.
            Assert.Contains("Limit", plan, StringComparison.Ordinal);
        }
        else
        {
            var steps = plan.Split('\n');
            Assert.Contains("SCAN open_row USING INDEX ix_outbox_open_order", steps);
            Assert.Contains("SEARCH head USING INTEGER PRIMARY KEY (rowid=?)", steps);
            Assert.DoesNotContain(steps, step => step.StartsWith("SCAN head ", StringComparison.Ordinal) || step == "SCAN head");
            Assert.DoesNotContain(steps, step => step.StartsWith("SEARCH head USING INDEX", StringComparison.Ordinal));
        }
    }
}
