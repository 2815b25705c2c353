using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Tapback.Tests.AgentLink.Client;

/// <summary>A real Kestrel server on loopback that answers every WebSocket attempt 503 and counts them.</summary>
internal sealed class RefusingGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _attempts;

    public RefusingGateway()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Map("/ws/{phone}", () =>
        {
            Interlocked.Increment(ref _attempts);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
    }

    public int Attempts => Volatile.Read(ref _attempts);

    public Uri BaseUrl => new(_app.Urls.First());

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
