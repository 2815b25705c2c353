namespace Tapback.Tests.Infrastructure;

/// <summary>
/// The one way a test waits: poll a condition (with a real 10 ms yield for the app's own threads,
/// never a product delay), optionally moving the fake clock between polls. The real-time limit only
/// guards against a hang, so it is far above what a loaded two-core machine needs.
/// </summary>
internal static class Waits
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    public static async Task UntilAsync(Func<Task<bool>> condition, Action? betweenPolls = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout is { } asked && asked > HangGuard ? asked : HangGuard);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            betweenPolls?.Invoke();
            await Task.Delay(10);
        }
    }
}
