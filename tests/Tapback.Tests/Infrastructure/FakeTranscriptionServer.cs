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
/// OpenAI's transcription endpoint (<c>POST /v1/audio/transcriptions</c>, a multipart form with
/// <c>file</c>, <c>model</c>, optional <c>language</c> and <c>response_format</c>) as documented at
/// https://platform.openai.com/docs/api-reference/audio/createTranscription, answering
/// <c>{"text": …}</c>. Bearer auth. Any OpenAI-compatible server (speaches, LocalAI, vLLM) takes the same.
/// </summary>
internal sealed class FakeTranscriptionServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<FakeTranscriptionRequest> _requests = [];
    private WebApplication? _app;
    private Uri? _address;

    /// <summary>The key the server accepts; null accepts any key and none.</summary>
    public string? ApiKey { get; init; } = "stt-key";

    /// <summary>The transcript of a request.</summary>
    public Func<FakeTranscriptionRequest, string> Reply { get; set; } = _ => "Hello from the fake transcriber.";

    /// <summary>When set, every request fails with this HTTP status.</summary>
    public int? FailWith { get; set; }

    /// <summary><c>OpenAIClientOptions.Endpoint</c>: the server with <c>/v1</c>.</summary>
    public Uri BaseUrl => new(_address ?? throw new InvalidOperationException("Call StartAsync first."), "v1");

    public IReadOnlyList<FakeTranscriptionRequest> Requests
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
        app.MapPost("/v1/audio/transcriptions", (RequestDelegate)HandleAsync);
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

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, Error("The request must be multipart/form-data."));
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files.GetFile("file");
        if (file is null || string.IsNullOrEmpty(form["model"]))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, Error("file and model are required."));
            return;
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, context.RequestAborted);
        var authorization = context.Request.Headers.Authorization.ToString();
        var request = new FakeTranscriptionRequest
        {
            Model = form["model"].ToString(),
            FileName = file.FileName,
            File = content.ToArray(),
            Language = form.TryGetValue("language", out var language) ? language.ToString() : null,
            ResponseFormat = form.TryGetValue("response_format", out var format) ? format.ToString() : null,
            ApiKey = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null,
        };
        lock (_lock)
        {
            _requests.Add(request);
        }

        if (ApiKey is not null && request.ApiKey != ApiKey)
        {
            await WriteAsync(context, StatusCodes.Status401Unauthorized, Error("Incorrect API key provided."));
            return;
        }

        if (FailWith is { } status)
        {
            await WriteAsync(context, status, Error("The fake was told to fail."));
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["text"] = Reply(request) });
    }

    private static JsonObject Error(string message) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = null } };

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
