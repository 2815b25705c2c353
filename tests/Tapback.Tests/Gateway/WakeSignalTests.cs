using Microsoft.Extensions.Time.Testing;
using Tapback.Gateway;
using Tapback.Gateway.Outbox;

namespace Tapback.Tests.Gateway;

/// <summary>
/// The wake-up every worker sleeps on (the outbox, an agent socket's delivery, the webhooks): a
/// notification is never lost, whatever ended the wait before it. The poll behind it runs on the fake
/// clock here, which no one advances, as in the integration tests: a lost wake-up sleeps for ever.
/// </summary>
public sealed class WakeSignalTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Notify_RightAfterAWaitEndedByItsPollOrAFinishedBatch_WakesTheNextWait(bool byPoll)
    {
        var time = new FakeTimeProvider();
        var signal = new OutboxSignal();

        // Off xunit's synchronization context, so each step runs on in the thread that caused it, as
        // quickly after the wait's end as a worker's look at the store is: the window in which a
        // SemaphoreSlim still listed the wait it had been told to cancel, and handed it this notification.
        await Task.Run(async () =>
        {
            for (var round = 0; round < 200; round++)
            {
                var batchDone = new TaskCompletionSource();
                var waited = signal.WaitAsync(Poll, time, byPoll ? null : batchDone.Task, CancellationToken.None);
                if (byPoll)
                {
                    time.Advance(Poll);
                }
                else
                {
                    batchDone.SetResult();
                }

                await waited;

                // Rows written between the worker's look (which found nothing) and its next wait.
                signal.Notify();
                var next = signal.WaitAsync(Poll, time, alsoWakeOn: null, CancellationToken.None);
                Assert.True(next.IsCompletedSuccessfully, $"Round {round}: the notification was lost; the next wait sleeps until its poll.");
                await next;
            }
        });
    }

    [Fact]
    public async Task Notify_SeveralTimesBeforeAWait_WakesOneWaitAndTheNextSleeps()
    {
        var time = new FakeTimeProvider();
        var signal = new OutboxSignal();
        signal.Notify();
        signal.Notify();

        await signal.WaitAsync(Poll, time, alsoWakeOn: null, CancellationToken.None);
        var next = signal.WaitAsync(Poll, time, alsoWakeOn: null, CancellationToken.None);
        Assert.False(next.IsCompleted);

        signal.Notify();
        await next;
    }

    [Fact]
    public async Task WaitAsync_Cancelled_ThrowsAndKeepsNoWaitThatSwallowsTheNextNotification()
    {
        var time = new FakeTimeProvider();
        var signal = new OutboxSignal();
        using var stop = new CancellationTokenSource();
        var waiting = signal.WaitAsync(Poll, time, alsoWakeOn: null, stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        signal.Notify();
        Assert.True(signal.WaitAsync(Poll, time, alsoWakeOn: null, CancellationToken.None).IsCompletedSuccessfully);
    }
}
