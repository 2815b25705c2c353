using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// What OpenAI's audio endpoints share, for the fakes of each (<see cref="FakeTranscriptionServer"/>,
/// <see cref="FakeSpeechServer"/>): one route on loopback, the requests it heard, bearer auth, a switch
/// to fail, and OpenAI's error body <c>{"error": {message, type, param, code}}</c>.
/// </summary>
internal abstract class FakeAudioServer<TRequest>(string route) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<TRequest> _requests = [];
    private WebApplication? _app;
    private Uri? _address;

    /// <summary>When set, every authorised request fails with this HTTP status.</summary>
    public int? FailWith { get; set; }

    /// <summary><c>OpenAIClientOptions.Endpoint</c>: the server with <c>/v1</c>.</summary>
    public Uri BaseUrl => new(_address ?? throw new InvalidOperationException("Call StartAsync first."), "v1");

    public IReadOnlyList<TRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost(route, (RequestDelegate)HandleAsync);
        await app.StartAsync();
        _address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
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

    protected abstract Task HandleAsync(HttpContext context);

    protected void Record(TRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
        }
    }

    /// <summary>The bearer token of the request, or null.</summary>
    protected static string? BearerOf(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;
    }

    protected static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = null } });

    protected static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
