using Microsoft.Extensions.DependencyInjection;
using Tapback.Agent.Approvals;
using Tapback.Agent.Questions;
using Tapback.AgentLink.Webhooks;
using Tapback.Gateway.Outbox.Pacing;
using Tapback.Storage.GroupCommits;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Storage;

/// <summary>
/// The rare writes that used to begin SQLite transactions of their own (and so waited in SQLite's
/// sleeping busy handler behind the group commit's batches) queue in the group commit instead: with
/// the writer held by a batch, each one is seen waiting in its queue, and it completes once the batch
/// lets go. On PostgreSQL they keep transactions of their own, which queue on the writers' advisory
/// lock the held batch has; there the test checks only that each completes after the release.
/// </summary>
public sealed class RareWritesGroupCommitTests
{
    public static TheoryData<string> Writes() => ["reaction", "webhook subscription", "pacing", "approval", "question"];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task RareWrite_WriterHeldByABatch_QueuesInTheGroupCommit(string write)
    {
        await using var host = await TapbackTestHost.StartAsync();
        var groupCommit = host.Services.GetRequiredService<GroupCommit>();
        var messageId = await host.SendAsync("+15551230001", "something to react to");

        var holder = new HeldUnit(groupCommit);
        await holder.StartedAsync();
        var running = Start(host, write, messageId);
        if (!TestStore.IsPostgres || write == "reaction")
        {
            // Inbox kinds go in the group commit on both stores, the rest on SQLite.
            await Waits.UntilAsync(() => Task.FromResult(groupCommit.Waiting >= 1), () => { });
            Assert.False(running.IsCompleted);
        }

        holder.Release();
        await running.WaitAsync(TimeSpan.FromSeconds(60));
        await holder.Completion;
    }

    private static Task Start(TapbackTestHost host, string write, string messageId) => write switch
    {
        "reaction" => host.ReactAsync("+15551230001", messageId, "love"),
        "webhook subscription" => host.Services.GetRequiredService<WebhookSubscriptionStore>().DeleteAsync("int_none", "wh_none"),
        "pacing" => host.Services.GetRequiredService<PacingStore>().TryReserveAsync("pacing-test", PacingLimits.Conservative),
        "approval" => host.Services.GetRequiredService<ApprovalStore>().DecideAsync("ap_none", ApprovalStates.Approved, "test", null),
        "question" => host.Services.GetRequiredService<QuestionStore>().AnswerAsync("q_none", new QuestionAnswer(null, null, "yes"), "msg_none"),
        _ => throw new ArgumentOutOfRangeException(nameof(write), write, null),
    };
}
