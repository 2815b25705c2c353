using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Tapback.Bench;

/// <summary>
/// The "Tapback" meter's histograms read from the running Tapback through its diagnostics port, as
/// <c>dotnet-counters</c> reads them: an EventPipe session on the runtime's "System.Diagnostics.Metrics"
/// event source publishes, every refresh interval, each histogram's quantiles (0.5, 0.95, 0.99) and
/// count over that interval. Tapback needs no endpoint or package for it.
/// </summary>
internal sealed class TapbackMeter : IAsyncDisposable
{
    private const string Provider = "System.Diagnostics.Metrics";
    private const long MessagesKeyword = 0x1;
    private const long TimeSeriesValuesKeyword = 0x2;

    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    private readonly string _sessionId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentQueue<MeterInterval> _intervals = new();
    private EventPipeSession _session = null!;
    private EventPipeEventSource _source = null!;
    private Task _processing = Task.CompletedTask;

    public static async Task<TapbackMeter> StartAsync(int processId)
    {
        var meter = new TapbackMeter();
        var arguments = new Dictionary<string, string>
        {
            ["SessionId"] = meter._sessionId,
            ["Metrics"] = "Tapback",
            ["RefreshInterval"] = Refresh.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["MaxTimeSeries"] = "1000",
            ["MaxHistograms"] = "20",
        };
        var provider = new EventPipeProvider(Provider, EventLevel.Informational, MessagesKeyword | TimeSeriesValuesKeyword, arguments);
        meter._session = await new DiagnosticsClient(processId).StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, CancellationToken.None);
        meter._source = new EventPipeEventSource(meter._session.EventStream);
        meter._source.Dynamic.All += meter.OnEvent;
        meter._processing = Task.Run(meter._source.Process);
        return meter;
    }

    /// <summary>Forgets what was published so far: the next figures are for what happens from now on.</summary>
    public void Clear() => _intervals.Clear();

    /// <summary>
    /// The histogram's figures since <see cref="Clear"/>, after two refresh intervals so the last
    /// measurements are published. The runtime gives quantiles per interval, not the samples: p50 is
    /// the count-weighted mean of the intervals' p50s and p99 the highest interval p99 (an upper figure).
    /// </summary>
    public async Task<Percentiles> SettleAsync(string instrument, string path)
    {
        await Task.Delay(Refresh * 2);
        var tags = $"path={path}";
        var intervals = _intervals.Where(i => i.Instrument == instrument && i.Tags == tags && i.Count > 0).ToList();
        if (intervals.Count == 0)
        {
            return new Percentiles(double.NaN, double.NaN, 0);
        }

        var count = intervals.Sum(i => i.Count);
        return new Percentiles(intervals.Sum(i => i.P50 * i.Count) / count, intervals.Max(i => i.P99), count);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (ServerNotAvailableException)
        {
            // Tapback already exited; the session ended with it.
        }

        await _processing;
        _source.Dispose();
        _session.Dispose();
    }

    private void OnEvent(TraceEvent data)
    {
        if (data.ProviderName != Provider || data.EventName != "HistogramValuePublished" || (string)data.PayloadByName("sessionId") != _sessionId)
        {
            return;
        }

        var quantiles = ((string)data.PayloadByName("quantiles")).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => double.Parse(pair[1], CultureInfo.InvariantCulture));
        // The count arrived with .NET 8's version of the event; every Tapback runtime has it.
        var count = Convert.ToInt32(data.PayloadByName("count"), CultureInfo.InvariantCulture);
        if (quantiles.TryGetValue("0.5", out var p50) && quantiles.TryGetValue("0.99", out var p99))
        {
            _intervals.Enqueue(new MeterInterval((string)data.PayloadByName("instrumentName"), (string)data.PayloadByName("tags"), count, p50, p99));
        }
    }
}
