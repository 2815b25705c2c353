#pragma warning disable
// TEMPORARY counting hook (turn-writes helper); never committed.
using System.Collections.Concurrent;
using System.Text;
using SQLitePCL;

namespace Tapback.Storage.GroupCommits;

internal static class TwCounters
{
    public static readonly string? Path = Environment.GetEnvironmentVariable("TAPBACK_TW_COUNT");
    public static long Batches;
    public static long Units;
    public static long Turns;
    public static long Openings;
    public static long BusyTicks;
    public static long CommitTicks;
    public static long Claims;
    public static readonly ConcurrentDictionary<string, long> Statements = new();
    private static sqlite3? _writer;
    public static void Count(string what)
    {
        if (Path is null) return;
        var a = Units2.GetOrAdd("COUNT " + what, _ => new long[2]);
        Interlocked.Increment(ref a[0]);
    }
    public static readonly ConcurrentDictionary<string, long[]> Units2 = new();
    public static void Unit(System.Reflection.MethodInfo m, long ticks)
    {
        if (Path is null) return;
        var key = (m.DeclaringType?.FullName ?? "?") + "::" + m.Name;
        var a = Units2.GetOrAdd(key, _ => new long[2]);
        Interlocked.Increment(ref a[0]);
        Interlocked.Add(ref a[1], ticks);
    }
    private static Timer? _timer;
    private static delegate_trace _trace = Trace;
    private static delegate_profile _profile = Profile;
    public static readonly ConcurrentDictionary<string, long[]> Prof = new();
    private static void Profile(object _, utf8z s, long ns)
    {
        var sql = System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(s.utf8_to_string(), "'[^']*'", "?"), @"\b\d+\b", "N");
        sql = System.Text.RegularExpressions.Regex.Replace(sql, @"\s+", " ");
        var key = sql.Length > 150 ? sql[..150] : sql;
        var a = Prof.GetOrAdd(key, _ => new long[2]);
        Interlocked.Increment(ref a[0]);
        Interlocked.Add(ref a[1], ns);
    }
    private static void Trace(object _, utf8z s)
    {
        var sql = System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(s.utf8_to_string(), "'[^']*'", "?"), @"\b\d+\b", "N");
        sql = System.Text.RegularExpressions.Regex.Replace(sql, @"\s+", " ");
        var key = sql.Length > 150 ? sql[..150] : sql;
        key = key.Replace('\n', ' ');
        Statements.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    public static void Attach(sqlite3 handle)
    {
        if (Path is null) return;
        _writer = handle;
        if (Environment.GetEnvironmentVariable("TAPBACK_TW_TRACE") is not null) raw.sqlite3_profile(handle, _profile, null);
        _timer ??= new Timer(_ => Dump(), null, 1000, 1000);
    }

    private static void Dump()
    {
        try
        {
            var sb = new StringBuilder();
            long pages = 0;
            if (_writer is { } w)
            {
                raw.sqlite3_db_status(w, 9 /*CACHE_WRITE*/, out var cur, out _, 0);
                pages = cur;
            }
            sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"batches {Batches} units {Units} turns {Turns} openings {Openings} pages {pages} busyus {BusyTicks * 1000000 / System.Diagnostics.Stopwatch.Frequency} commitus {CommitTicks * 1000000 / System.Diagnostics.Stopwatch.Frequency} cpums {(long)System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds} wallms {Environment.TickCount64}");
            foreach (var (k, v) in Units2) sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{v[0]}\tUNIT {k}");
            foreach (var (k, v) in Units2) sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{v[1] * 1000000 / System.Diagnostics.Stopwatch.Frequency}\tUNITUS {k}");
            foreach (var (k, v) in Prof) sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{v[0]}\tSTMT {k}");
            foreach (var (k, v) in Prof) sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{v[1] / 1000}\tSTMTUS {k}");
            foreach (var (k, v) in Statements.OrderByDescending(p => p.Value)) sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{v}\t{k}");
            File.WriteAllText(Path! + ".tmp", sb.ToString());
            File.Move(Path! + ".tmp", Path!, true);
        }
        catch { }
    }
}
