using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tapback.Bench;

/// <summary>The overhead benchmark's bookkeeping: message numbers, their send and arrival times per path, and typing seen by sampled phones.</summary>
internal sealed class OverheadRun
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _typingStarted = new(StringComparer.Ordinal);
    private long _next;

    public Latencies Echo { get; } = new();

    public Latencies Socket { get; } = new();

    public Latencies Agent { get; } = new();

    public static string Text(long id) => $"Quick question #id{id}#: are we still on for lunch at noon?";

    public void ModelCalled(ModelRequest request)
    {
        if (!request.IsSummary)
        {
            foreach (var id in request.Markers())
            {
                Agent.Arrived(id, request.ArrivedAt);
            }
        }
    }

    /// <summary>Typing is measured on phones named here (each has a live stream open).</summary>
    public void Sample(string phone) => _typingStarted.TryAdd(phone, new());

    public void PhoneSaw(PhoneEvent phoneEvent)
    {
        if (phoneEvent.Type == "typing.started")
        {
            _typingStarted[phoneEvent.Phone].Enqueue(phoneEvent.ArrivedAt);
        }
    }

    /// <summary>Sends numbered messages at <paramref name="rate"/> for <paramref name="duration"/> and waits (up to <paramref name="drain"/>) for them to arrive.</summary>
    public async Task<PhaseResult> MeasureAsync(double rate, TimeSpan duration, Latencies path, Func<long, Task> send, TimeSpan drain)
    {
        var ids = new ConcurrentQueue<long>();
        var started = await OpenLoop.RunAsync(rate, duration, async _ =>
        {
            var id = Interlocked.Increment(ref _next);
            ids.Enqueue(id);
            path.Sent(id, Stopwatch.GetTimestamp());
            try
            {
                await send(id);
            }
            catch (HttpRequestException exception)
            {
                Console.Error.WriteLine($"Message {id} was not accepted: {exception.Message}");
            }
        });
        long[] sent = [.. ids];
        await path.WaitAsync(sent, drain);
        return new PhaseResult(sent.Length, started, Percentiles.Of(path.Milliseconds(sent)), sent);
    }

    /// <summary>
    /// For each message to a sampled phone: the first <c>typing.started</c> that phone saw after the
    /// message was posted. A message that arrives while its phone's turn runs is answered in the next
    /// turn, so its typing is that turn's.
    /// </summary>
    public PhaseResult Typing(PhaseResult agent, Func<long, string> phoneOf)
    {
        var latencies = new List<double>();
        var sampled = 0;
        foreach (var id in agent.Ids)
        {
            if (!_typingStarted.TryGetValue(phoneOf(id), out var typing))
            {
                continue;
            }

            sampled++;
            var sentAt = Agent.SentAt(id);
            var first = typing.Where(at => at >= sentAt).DefaultIfEmpty(long.MinValue).Min();
            if (first != long.MinValue)
            {
                latencies.Add(Stopwatch.GetElapsedTime(sentAt, first).TotalMilliseconds);
            }
        }

        return new PhaseResult(sampled, agent.StartedPerSecond, Percentiles.Of([.. latencies]), []);
    }
}
