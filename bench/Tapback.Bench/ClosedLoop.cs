using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Tapback.Bench;

/// <summary>
/// Phones on the built-in agent in a closed loop: each sends its next message as soon as the instant
/// model was asked about its last, so every turn answers one message and the agent is never idle.
/// One message's whole path: ingest, the agent queue's claim, the turn, the outbox's dispatch.
/// </summary>
internal sealed class ClosedLoop : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiting = new();
    private readonly CancellationTokenSource _stop = new();
    private List<Task> _loops = [];
    private TaskCompletionSource _running = NewGate(open: true);
    private long _next;
    private long _answered;

    /// <summary>For <see cref="InstantModel.StartAsync"/>: a model request names the messages it was asked about.</summary>
    public void Asked(ModelRequest request)
    {
        foreach (var id in request.IsSummary ? [] : request.Markers())
        {
            if (_waiting.TryRemove(id, out var asked))
            {
                asked.TrySetResult();
            }
        }
    }

    public void Start(TapbackServer tapback, IEnumerable<string> phones) =>
        _loops = [.. phones.Select(phone => PhoneAsync(tapback, phone))];

    /// <summary>Turns answered and Tapback CPU seconds over <paramref name="duration"/>, and the seconds it really took.</summary>
    public async Task<(long Turns, double CpuSeconds, double Seconds)> MeasureAsync(TapbackServer tapback, TimeSpan duration)
    {
        var (turns0, cpu0, clock) = (Interlocked.Read(ref _answered), CpuSeconds(tapback.ProcessId), Stopwatch.StartNew());
        await Task.Delay(duration);
        return (Interlocked.Read(ref _answered) - turns0, CpuSeconds(tapback.ProcessId) - cpu0, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Phones send nothing new until <see cref="Resume"/> (a message already sent still gets its turn).</summary>
    public void Pause() => _running = NewGate(open: false);

    public void Resume() => _running.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Resume();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }

    /// <summary>User plus system CPU of a process, from /proc/pid/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    public static double CpuSeconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.TrySetResult();
        }

        return gate;
    }

    private async Task PhoneAsync(TapbackServer tapback, string phone)
    {
        while (!_stop.IsCancellationRequested)
        {
            await _running.Task;
            var id = Interlocked.Increment(ref _next);
            var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[id] = asked;
            await tapback.SendAsync(phone, OverheadRun.Text(id));
            await asked.Task.WaitAsync(Patience);
            Interlocked.Increment(ref _answered);
        }
    }
}
