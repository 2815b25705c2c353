using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Tapback.Bench;

/// <summary>
/// What one simulated phone sees, live: the simulator's server-sent event stream, each event handed
/// to the benchmark with the time it arrived here.
/// </summary>
internal sealed class PhoneStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private PhoneStream(HttpClient http, string phone, Action<PhoneEvent> onEvent) =>
        _reading = ReadAsync(http, phone, onEvent, _stop.Token);

    /// <summary>
    /// Starts reading without waiting for the response: Tapback sends the stream's headers with its
    /// first event. Nothing is missed meanwhile, as the stream first replays the phone's stored events.
    /// </summary>
    public static PhoneStream Open(HttpClient http, string phone, Action<PhoneEvent> onEvent) => new(http, phone, onEvent);

    private static async Task ReadAsync(HttpClient http, string phone, Action<PhoneEvent> onEvent, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/simulator/conversations/{Uri.EscapeDataString(phone)}/stream", UriKind.Relative));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    var arrived = Stopwatch.GetTimestamp();
                    var json = JsonNode.Parse(line[5..])!;
                    onEvent(new PhoneEvent(phone, (string?)json["type"] ?? "", (string?)json["text"], arrived));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }
}
