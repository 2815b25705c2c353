using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tapback.Tests.Hosting.Packaging;

/// <summary>
/// A read-only container registry on loopback, over plain HTTP, that serves one image under every name and
/// tag: the pull half of the Docker Registry HTTP API V2 / OCI distribution spec (<c>GET /v2/</c>,
/// <c>GET /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>, <c>GET /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>,
/// each with its <c>Docker-Content-Digest</c>), which is all the SDK's container build asks of a base image's
/// registry. The SDK tries HTTPS first and falls back to HTTP for a registry named in
/// DOTNET_CONTAINER_INSECURE_REGISTRIES.
/// </summary>
internal sealed class StandInRegistry(StandInBaseImage image) : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary><c>127.0.0.1:port</c>, as an image reference's registry part.</summary>
    public string Host { get; private set; } = "";

    public List<string> Requests { get; } = [];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/v2/", () => Results.Text("{}", "application/json"));
        app.MapMethods("/v2/{**path}", ["GET", "HEAD"], (RequestDelegate)ServeAsync);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        Host = $"{address.Host}:{address.Port}";
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        lock (Requests)
        {
            Requests.Add($"{context.Request.Method} {path}");
        }

        var (content, type) = path switch
        {
            _ when path.Contains("/manifests/", StringComparison.Ordinal) => (image.Manifest, StandInBaseImage.ManifestMediaType),
            _ when path.Contains("/blobs/", StringComparison.Ordinal) && image.Blobs.TryGetValue(path[(path.LastIndexOf('/') + 1)..], out var blob)
                => (blob, "application/octet-stream"),
            _ => (null, null),
        };
        if (content is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "application/json";
            var error = new JsonObject { ["code"] = "NAME_UNKNOWN", ["message"] = $"Only the stand-in base image is here, not {path}." };
            await context.Response.WriteAsync(new JsonObject { ["errors"] = new JsonArray(error) }.ToJsonString());
            return;
        }

        context.Response.ContentType = type;
        context.Response.ContentLength = content.Length;
        context.Response.Headers["Docker-Content-Digest"] = StandInBaseImage.Digest(content);
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(content);
        }
    }
}
