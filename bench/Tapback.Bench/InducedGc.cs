using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Tapback.Bench;

/// <summary>
/// A full blocking garbage collection in another .NET process, through its diagnostics port (what
/// dotnet-gcdump does): an EventPipe session with the runtime's GC-heap-collect keyword makes the
/// runtime collect, so resident memory is read without dead objects and Tapback needs no debug endpoint.
/// </summary>
internal static class InducedGc
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>Collects; returns the managed heap's size after the collection (bytes), or 0 when the runtime did not report it.</summary>
    public static async Task<long> CollectAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword);
        using var session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, CancellationToken.None);
        using var source = new EventPipeEventSource(session.EventStream);
        long heap = 0;
        source.Clr.GCHeapStats += stats => Interlocked.Exchange(ref heap, stats.TotalHeapSize);
        var processing = Task.Run(source.Process);
        // The collection runs when the session starts; two seconds see it finish on a busy machine.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await session.StopAsync(CancellationToken.None);
        await processing;
        return Interlocked.Read(ref heap);
    }
}
