using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Tapback.Client.Tests.Infrastructure;

/// <summary>A real Kestrel server on loopback that takes webhook deliveries and keeps their headers and raw bodies.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            Deliveries.Enqueue(new Delivery(
                request.Headers[WebhookVerifier.IdHeader].ToString(),
                request.Headers[WebhookVerifier.TimestampHeader].ToString(),
                request.Headers[WebhookVerifier.SignatureHeader].ToString(),
                body.ToArray()));
            return Results.NoContent();
        });
    }

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public Uri Url => new(new Uri(_app.Urls.First()), "/hook");

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>One delivery as it arrived.</summary>
    internal sealed record Delivery(string Id, string Timestamp, string Signature, byte[] Body);
}
