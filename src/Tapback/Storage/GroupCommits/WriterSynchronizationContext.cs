using System.Collections.Concurrent;

namespace Tapback.Storage.GroupCommits;

/// <summary>
/// Runs an async loop on the thread that calls <see cref="Run"/>: every continuation of the loop's
/// awaits (the code does not say ConfigureAwait(false)) is posted back to that thread, so the
/// PostgreSQL group-commit writer, which makes its round trips synchronously, never blocks a
/// thread-pool thread, and what it awaits anyway (a Dapper call inside a unit) resumes on its thread.
/// </summary>
internal sealed class WriterSynchronizationContext : SynchronizationContext, IDisposable
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _work = new();

    /// <summary>Runs <paramref name="loop"/> here until its task ends; rethrows its failure.</summary>
    public static void Run(Func<Task> loop)
    {
        var previous = Current;
        using var context = new WriterSynchronizationContext();
        SetSynchronizationContext(context);
        try
        {
            var task = loop();
            task.ContinueWith(_ => context._work.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            foreach (var (callback, state) in context._work.GetConsumingEnumerable())
            {
                callback(state);
                context.AfterWork?.Invoke();
            }

            task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    /// <summary>True when no posted work waits to run.</summary>
    public bool Idle => _work.Count == 0;

    /// <summary>Runs on the thread after each piece of posted work: how the writer learns that a unit's own await has moved on.</summary>
    public Action? AfterWork { get; set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        try
        {
            _work.Add((d, state));
        }
        catch (InvalidOperationException)
        {
            // The loop has ended (completed for adding, or disposed): whatever still completes runs on the thread pool.
            ThreadPool.QueueUserWorkItem(_ => d(state));
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("The group-commit writer's context runs work only by Post.");

    public override SynchronizationContext CreateCopy() => this;

    public void Dispose() => _work.Dispose();
}
