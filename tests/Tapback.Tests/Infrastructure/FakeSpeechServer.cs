using System.Text;
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
/// OpenAI's speech endpoint (<c>POST /v1/audio/speech</c> with JSON <c>{model, input, voice,
/// response_format}</c>, answering the audio's bytes) as documented at
/// https://platform.openai.com/docs/api-reference/audio/createSpeech. Bearer auth. Answers a WAV of a
/// tone (whatever format was asked: the test only needs bytes ffmpeg can read); OpenAI-compatible
/// servers (Kokoro-FastAPI, speaches, LocalAI) take the same request.
/// </summary>
internal sealed class FakeSpeechServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<FakeSpeechRequest> _requests = [];
    private WebApplication? _app;
    private Uri? _address;

    /// <summary>The key the server accepts; null accepts any key and none.</summary>
    public string? ApiKey { get; init; } = "tts-key";

    /// <summary>When set, every request fails with this HTTP status.</summary>
    public int? FailWith { get; set; }

    /// <summary><c>OpenAIClientOptions.Endpoint</c>: the server with <c>/v1</c>.</summary>
    public Uri BaseUrl => new(_address ?? throw new InvalidOperationException("Call StartAsync first."), "v1");

    public IReadOnlyList<FakeSpeechRequest> Requests
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
        app.MapPost("/v1/audio/speech", (RequestDelegate)HandleAsync);
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

    /// <summary>A second of a 440 Hz tone: 24 kHz, mono, 16-bit PCM in a RIFF/WAVE file.</summary>
    public static byte[] ToneWav()
    {
        const int rate = 24_000;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + (rate * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(rate * 2);
        for (var sample = 0; sample < rate; sample++)
        {
            writer.Write((short)(8000 * Math.Sin(2 * Math.PI * 440 * sample / rate)));
        }

        writer.Flush();
        return stream.ToArray();
    }

    private async Task HandleAsync(HttpContext context)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        var request = new FakeSpeechRequest
        {
            Model = (string?)body?["model"],
            Input = (string?)body?["input"],
            Voice = (string?)body?["voice"],
            ResponseFormat = (string?)body?["response_format"],
            ApiKey = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null,
        };
        lock (_lock)
        {
            _requests.Add(request);
        }

        if (ApiKey is not null && request.ApiKey != ApiKey)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "Incorrect API key provided.");
            return;
        }

        if (string.IsNullOrEmpty(request.Model) || string.IsNullOrEmpty(request.Input) || string.IsNullOrEmpty(request.Voice))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "model, input and voice are required.");
            return;
        }

        if (FailWith is { } status)
        {
            await ErrorAsync(context, status, "The fake was told to fail.");
            return;
        }

        context.Response.ContentType = "audio/wav";
        await context.Response.Body.WriteAsync(ToneWav(), context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = null } };
        return context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }
}
