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

    private PhoneStream(HttpResponseMessage response, string phone, Action<PhoneEvent> onEvent) =>
        _reading = ReadAsync(response, phone, onEvent, _stop.Token);

    public static async Task<PhoneStream> OpenAsync(HttpClient http, string phone, Action<PhoneEvent> onEvent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/simulator/conversations/{Uri.EscapeDataString(phone)}/stream", UriKind.Relative));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new PhoneStream(response, phone, onEvent);
    }

    private static async Task ReadAsync(HttpResponseMessage response, string phone, Action<PhoneEvent> onEvent, CancellationToken cancellationToken)
    {
        using (response)
        {
            try
            {
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
            catch (OperationCanceledException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }
}
