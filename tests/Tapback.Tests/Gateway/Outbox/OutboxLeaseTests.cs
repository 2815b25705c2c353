using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Nodes;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Outbox;

/// <summary>
/// A worker whose lease ran out while it still worked (a stall, a loaded machine) holds a stale copy
/// of its rows; another worker of the same node may have leased them again meanwhile. The stale one
/// must never send: a bubble whose outcome was unknown would reach the phone twice.
/// </summary>
public sealed class OutboxLeaseTests
{
    private const string Phone = "+15551230077";
    private const string Key = "lease-race:bubble:0";

    [Fact]
    public async Task Send_StaleWorkerResumesAfterAnotherClaimParkedItsBubbleForReconciling_NeverSendsItAgain()
    {
        var logs = new CollectingLoggerProvider();
        var transport = new StallingTransport("stalling");
        await using var host = await TapbackTestHost.StartAsync(
            services: services =>
            {
                services.AddSingleton<IMessageTransport>(transport);
                services.AddSingleton<ILoggerProvider>(logs);
            });
        await WriteBubbleAsync(host, transport);

        // Worker A claims the bubble and stalls before sending it (looking up the sender number for the pace limit).
        await host.AdvanceUntilAsync(() => Task.FromResult(transport.NumberLookupStalled.IsCompleted));
        // A's lease runs out; worker B of the same node claims the bubble and sends it, and the provider
        // times out after taking the request: B parks it to ask the provider later.
        await host.AdvanceUntilAsync(async () => await StateAsync(host) == OutboxStates.Reconciling, step: TimeSpan.FromSeconds(5));
        Assert.Equal(1, transport.Sends);
        // Worker C claims it to ask the provider, and is held there.
        await host.AdvanceUntilAsync(() => Task.FromResult(transport.QuestionStalled.IsCompleted), step: TimeSpan.FromSeconds(1));

        // A wakes up with its copy of the bubble, which still says queued.
        transport.ResumeNumberLookup();
        await Waits.UntilAsync(() => Task.FromResult(transport.Sends > 1 || logs.Entries.Any(entry => entry.Message.Contains("was not sent by this worker", StringComparison.Ordinal))));
        Assert.Equal(1, transport.Sends);

        // The provider has it: C settles the bubble as sent, once.
        transport.ResumeQuestion(SendReconciliation.Sent("provider-1"));
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));
        Assert.Equal(1, transport.Sends);
        Assert.Equal(OutboxStates.Done, await StateAsync(host));
    }

    /// <summary>
    /// The store's side of the race a loaded CI run hit: worker B, which leased the bubble again after
    /// worker A's lease ran out, sent it and the outcome was unknown (ended, never sent again); then A,
    /// finding the pace limit reached, put its copy back for later, and the bubble went out a second time.
    /// </summary>
    [Fact]
    public async Task ScheduleRetry_StaleClaimAfterAnotherClaimEndedTheBubbleUnknown_LeavesItEnded()
    {
        var transport = new StallingTransport("stalling");
        await using var host = await TapbackTestHost.StartAsync(services: services => services.AddSingleton<IMessageTransport>(transport));
        // The test is the only worker here: it claims and marks as the dispatcher's workers do.
        await host.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single().StopAsync(CancellationToken.None);
        var store = host.Services.GetRequiredService<OutboxStore>();
        var node = host.Services.GetRequiredService<NodeIdentity>();
        var lease = host.Services.GetRequiredService<IOptions<OutboxOptions>>().Value.Lease;
        await WriteBubbleAsync(host, transport);

        var stale = Assert.Single(await store.ClaimAsync(node.NewLeaseOwner(), lease));
        host.Time.Advance(lease + TimeSpan.FromSeconds(1));
        var current = Assert.Single(await store.ClaimAsync(node.NewLeaseOwner(), lease));
        Assert.True(await store.MarkInFlightAsync(current));
        await store.MarkUnknownAsync(current, "The provider timed out after the request was sent.");

        await store.ScheduleRetryAsync(stale, host.Time.GetUtcNow() + TimeSpan.FromSeconds(30), "Paced: the gateway number reached its limit.");
        Assert.False(await store.MarkInFlightAsync(stale));
        await store.MarkReconcilingAsync(stale, host.Time.GetUtcNow(), "late", countAttempt: false);
        await store.MarkFailedAsync(stale, "late");

        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await store.ClaimAsync(node.NewLeaseOwner(), lease));
        Assert.Equal(OutboxStates.Unknown, await StateAsync(host));
        Assert.Equal(0, transport.Sends);
    }

    private static async Task WriteBubbleAsync(TapbackTestHost host, IMessageTransport transport)
    {
        var database = host.Services.GetRequiredService<Database>();
        string conversationId;
        await using (var connection = await database.OpenAsync())
        await using (var transaction = await Database.BeginWriteAsync(connection, CancellationToken.None))
        {
            conversationId = await ConversationWriter.UpsertAsync(
                connection, transaction, transport.Name, Phone, Phone, isGroup: false, displayName: null, host.Time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
            await transaction.CommitAsync();
        }

        await host.Services.GetRequiredService<OutboxWriter>().WriteAsync(conversationId, [AgentAction.Message(Key, "Said once")]);
    }

    private static async Task<string> StateAsync(TapbackTestHost host)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT state FROM outbox WHERE idempotency_key = @Key", new { Key }) ?? string.Empty;
    }

    /// <summary>
    /// A paced, reconciling transport whose first sender-number lookup and first reconciliation each
    /// wait for the test, and whose first send times out after the provider took it (outcome unknown).
    /// </summary>
    private sealed class StallingTransport(string name) : IMessageTransport, IReconcilingTransport, ISenderNumbers
    {
        private readonly TaskCompletionSource _numberLookupStalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _numberLookupResumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _questionStalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<SendReconciliation> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _lookups;
        private int _questions;
        private int _sends;

        public string Name => name;

        public string Kind => "Stalling";

        // Paced (the default for a transport that reaches phones), so the outbox asks for the sender number.
        public TransportCapabilities Capabilities { get; } = new();

        public Task NumberLookupStalled => _numberLookupStalled.Task;

        public Task QuestionStalled => _questionStalled.Task;

        /// <summary>How many times a bubble was handed to the provider, whatever came of it.</summary>
        public int Sends => Volatile.Read(ref _sends);

        public void ResumeNumberLookup() => _numberLookupResumed.TrySetResult();

        public void ResumeQuestion(SendReconciliation answer) => _answer.TrySetResult(answer);

        public async ValueTask<string?> SenderNumberAsync(string chatId, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _lookups) == 1)
            {
                _numberLookupStalled.TrySetResult();
                await _numberLookupResumed.Task.WaitAsync(cancellationToken);
            }

            return "+15550000001";
        }

        public Task<string?> ExecuteAsync(OutboundAction action, CancellationToken cancellationToken = default)
        {
            if (action is not SendMessageAction)
            {
                return Task.FromResult<string?>(null);
            }

            return Interlocked.Increment(ref _sends) == 1
                ? throw new TransportException("The provider timed out after the request was sent.", retryable: true) { OutcomeUnknown = true }
                : Task.FromResult<string?>("provider-again");
        }

        public async Task<SendReconciliation> ReconcileAsync(SendMessageAction action, DateTimeOffset attemptedAt, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _questions) == 1)
            {
                _questionStalled.TrySetResult();
                return await _answer.Task.WaitAsync(cancellationToken);
            }

            return SendReconciliation.Sent("provider-1");
        }
    }
}
