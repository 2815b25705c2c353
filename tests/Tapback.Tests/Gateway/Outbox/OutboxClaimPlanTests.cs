using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Nodes;
using Tapback.Gateway.Outbox;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Outbox;

/// <summary>
/// An outbox claim finds conversation heads among the oldest claimable rows, read in id order from
/// ix_outbox_claimable_order and bounded, each checked with one probe for an older open row of its
/// conversation, so its cost follows neither the backlog nor the number of open conversations.
/// Stepping through every open conversation (what the claim did whenever the oldest open rows held no
/// claimable head, as with 200 conversations answering at once) took 33 ms per claim at 4,000 of them,
/// inside SQLite's one writer. The store's plan is the check; the behaviour tests pin what is claimed.
/// </summary>
public sealed class OutboxClaimPlanTests : IAsyncLifetime
{
    private TapbackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync();
        // The test is the only worker: it claims as the dispatcher's workers do.
        await _host.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single().StopAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CandidatesSql_ReadsABoundedRunOfClaimableRowsInIdOrderWithOneProbeEach()
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var plan = await QueryPlan.ExplainAsync(connection, transaction, OutboxStore.CandidatesSql(connection), new { now = 0L });

        if (TestStore.IsPostgres)
        {
            // PostgreSQL plans from its statistics (no index is forced there); what matters is that the
            // run of claimable rows it reads is bounded.
            Assert.Contains("Limit", plan, StringComparison.Ordinal);
        }
        else
        {
            var steps = plan.Split('\n');
            Assert.Contains("SCAN candidate USING INDEX ix_outbox_claimable_order", steps);
            // One seek per candidate: the conversation and "older than the candidate" both bound the search.
            Assert.Contains(steps, step => step.StartsWith("SEARCH earlier USING ", StringComparison.Ordinal)
                && step.Contains("INDEX ix_outbox_conversation_open (conversation_id=? AND id<?)", StringComparison.Ordinal));
            Assert.DoesNotContain(steps, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
            Assert.DoesNotContain(steps, step => step.Contains("RECURSIVE", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task OutboxIndexes_BesidesTheKeys_HoldOnlyTheRowsTheirQueriesRead()
    {
        // Each row goes from queued to done (or failed): an index over every row's state took three
        // changes per row and about 3.5 of the 28 pages a built-in turn wrote (docs/benchmarks.md).
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        var definitions = TestStore.IsPostgres
            ? await connection.QueryAsync<string>("SELECT indexdef FROM pg_indexes WHERE tablename = 'outbox' AND indexname NOT IN ('outbox_pkey', 'outbox_idempotency_key_key')")
            : await connection.QueryAsync<string>("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL");

        Assert.NotEmpty(definitions);
        Assert.All(definitions, definition => Assert.Contains(" WHERE ", definition, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task LatestSentSql_WalksTheConversationsSentMessagesNewestFirstWithoutSorting()
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var plan = await QueryPlan.ExplainAsync(connection, transaction, OutboxStore.LatestSentSql, new { conversationId = "conv", after = 0L, limit = 8 });

        if (TestStore.IsPostgres)
        {
            Assert.Contains("Limit", plan, StringComparison.Ordinal);
        }
        else
        {
            var steps = plan.Split('\n');
            Assert.Contains("SEARCH o USING INDEX ix_outbox_sent (conversation_id=?)", steps);
            Assert.DoesNotContain(steps, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ClaimMany_HeadsBehindBusyConversations_LeasesEachFreeConversationOnceInHeadOrder()
    {
        var busy = await ConversationAsync("+15551230101");
        var first = await ConversationAsync("+15551230102");
        var second = await ConversationAsync("+15551230103");
        var (store, owner, lease, writer) = Parts();
        await writer.WriteAsync(busy, [AgentAction.Message("claim:busy:0", "first")]);
        var inFlight = Assert.Single(await store.ClaimAsync(owner.NewLeaseOwner(), lease));
        Assert.True(await store.MarkInFlightAsync(inFlight));
        // Queued behind the busy head, and older than the two free conversations' rows.
        await writer.WriteAsync(busy, [AgentAction.Message("claim:busy:1", "second"), AgentAction.Message("claim:busy:2", "third")]);
        await writer.WriteAsync(first, [AgentAction.Message("claim:first:0", "a"), AgentAction.Message("claim:first:1", "b")]);
        await writer.WriteAsync(second, [AgentAction.Message("claim:second:0", "c")]);

        var batches = await store.ClaimManyAsync(owner.NewLeaseOwner(), lease, conversations: 16);

        Assert.Equal([first, second], batches.Select(batch => batch[0].ConversationId));
        Assert.Equal(["claim:first:0", "claim:first:1"], batches[0].Select(row => row.IdempotencyKey));
        Assert.Equal(["claim:second:0"], batches[1].Select(row => row.IdempotencyKey));
        Assert.Empty(await store.ClaimManyAsync(owner.NewLeaseOwner(), lease, conversations: 16));
    }

    [Fact]
    public async Task ClaimMany_EveryOldestClaimableRowBehindABusyHead_StillFindsTheLaterHead()
    {
        var busy = await ConversationAsync("+15551230111");
        var later = await ConversationAsync("+15551230112");
        var (store, owner, lease, writer) = Parts();
        await writer.WriteAsync(busy, [AgentAction.Message("long:0", "head")]);
        Assert.True(await store.MarkInFlightAsync(Assert.Single(await store.ClaimAsync(owner.NewLeaseOwner(), lease))));
        // More bubbles queued behind the head than the claim's candidate rows: none of them is a head.
        await writer.WriteAsync(busy, [.. Enumerable.Range(1, OutboxStore.CandidateRows + 10).Select(n => AgentAction.Message($"long:{n}", $"bubble {n}"))]);
        await writer.WriteAsync(later, [AgentAction.Message("later:0", "waiting")]);

        var batch = Assert.Single(await store.ClaimManyAsync(owner.NewLeaseOwner(), lease, conversations: 16));

        Assert.Equal(["later:0"], batch.Select(row => row.IdempotencyKey));
    }

    private (OutboxStore Store, NodeIdentity Owner, TimeSpan Lease, OutboxWriter Writer) Parts() =>
        (_host.Services.GetRequiredService<OutboxStore>(),
         _host.Services.GetRequiredService<NodeIdentity>(),
         _host.Services.GetRequiredService<IOptions<OutboxOptions>>().Value.Lease,
         _host.Services.GetRequiredService<OutboxWriter>());

    private async Task<string> ConversationAsync(string phone)
    {
        var database = _host.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        await using var transaction = await Database.BeginWriteAsync(connection, CancellationToken.None);
        var id = await ConversationWriter.UpsertAsync(
            connection, transaction, "simulator", phone, phone, isGroup: false, displayName: null, _host.Time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
        await transaction.CommitAsync();
        return id;
    }
}
