using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tapback.Bench;

/// <summary>
/// Send and arrival times of numbered messages (Stopwatch timestamps); the first arrival of a number
/// counts, so a message seen again in a later prompt's history does not move its time.
/// </summary>
internal sealed class Latencies
{
    private readonly ConcurrentDictionary<long, long> _sent = new();
    private readonly ConcurrentDictionary<long, long> _arrived = new();

    public int ArrivedCount => _arrived.Count;

    public void Sent(long id, long at) => _sent[id] = at;

    public void Arrived(long id, long at) => _arrived.TryAdd(id, at);

    /// <summary>Every message number (<c>#id42#</c>) in a frame or prompt arrived at <paramref name="at"/>.</summary>
    public void ArrivedIn(string text, long at)
    {
        foreach (System.Text.RegularExpressions.Match match in ModelRequest.MarkerPattern().Matches(text))
        {
            Arrived(long.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture), at);
        }
    }

    public bool HasArrived(long id) => _arrived.ContainsKey(id);

    public long SentAt(long id) => _sent[id];

    /// <summary>Milliseconds from send to arrival of each of <paramref name="ids"/> that arrived.</summary>
    public double[] Milliseconds(IEnumerable<long> ids) =>
        [.. ids.Where(_arrived.ContainsKey).Select(id => Stopwatch.GetElapsedTime(_sent[id], _arrived[id]).TotalMilliseconds)];

    /// <summary>Waits until all of <paramref name="ids"/> arrived or <paramref name="limit"/> passed.</summary>
    public async Task WaitAsync(IReadOnlyCollection<long> ids, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit && !ids.All(_arrived.ContainsKey))
        {
            await Task.Delay(100);
        }
    }
}
