using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// OpenAI's speech endpoint (<c>POST /v1/audio/speech</c> with JSON <c>{model, input, voice,
/// response_format}</c>, answering the audio's bytes) as documented at
/// https://platform.openai.com/docs/api-reference/audio/createSpeech. Bearer auth. Answers a WAV of a
/// tone (whatever format was asked: the test only needs bytes ffmpeg can read); OpenAI-compatible
/// servers (Kokoro-FastAPI, speaches, LocalAI) take the same request.
/// </summary>
internal sealed class FakeSpeechServer() : FakeAudioServer<FakeSpeechRequest>("/v1/audio/speech")
{
    /// <summary>The key the server accepts; null accepts any key and none.</summary>
    public string? ApiKey { get; init; } = "tts-key";

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

    protected override async Task HandleAsync(HttpContext context)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        var request = new FakeSpeechRequest
        {
            Model = (string?)body?["model"],
            Input = (string?)body?["input"],
            Voice = (string?)body?["voice"],
            ResponseFormat = (string?)body?["response_format"],
            ApiKey = BearerOf(context),
        };
        Record(request);
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
}
