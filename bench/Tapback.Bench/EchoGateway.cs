using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace Tapback.Bench;

/// <summary>
/// The overhead baseline: an empty Kestrel app that turns a POST into a WebSocket frame to the client
/// connected for that phone, with nothing in between. What it costs is loopback HTTP, Kestrel, a
/// WebSocket write and this machine's scheduling, which Tapback pays too.
/// </summary>
internal sealed class EchoGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private EchoGateway(WebApplication app)
    {
        _app = app;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress => new(_app.Urls.First());

    /// <summary>The same JSON body Tapback's simulator takes, so both sides read and write the same bytes.</summary>
    public async Task PostAsync(string phone, string text)
    {
        using var body = new StringContent(Json.Object(("from", phone), ("text", text)), System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri($"/in/{Uri.EscapeDataString(phone)}", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
    }

    public static async Task<EchoGateway> StartAsync()
    {
        var sockets = new ConcurrentDictionary<string, (WebSocket Socket, SemaphoreSlim Gate)>(StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/ws/{phone}", async (HttpContext context, string phone) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var gate = new SemaphoreSlim(1, 1);
            sockets[phone] = (socket, gate);
            var buffer = new byte[4096];
            while (socket.State == WebSocketState.Open && !(await socket.ReceiveAsync(buffer, context.RequestAborted)).CloseStatus.HasValue)
            {
            }

            sockets.TryRemove(phone, out _);
        });
        app.MapPost("/in/{phone}", async (HttpRequest request, string phone) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var (socket, gate) = sockets[phone];
            await gate.WaitAsync();
            try
            {
                await socket.SendAsync(body.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                gate.Release();
            }

            return Results.Accepted();
        });
        await app.StartAsync();
        return new EchoGateway(app);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }
}
