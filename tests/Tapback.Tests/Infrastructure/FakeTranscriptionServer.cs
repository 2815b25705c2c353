using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// OpenAI's transcription endpoint (<c>POST /v1/audio/transcriptions</c>, a multipart form with
/// <c>file</c>, <c>model</c>, optional <c>language</c> and <c>response_format</c>) as documented at
/// https://platform.openai.com/docs/api-reference/audio/createTranscription, answering
/// <c>{"text": …}</c>. Bearer auth. Any OpenAI-compatible server (speaches, LocalAI, vLLM) takes the same.
/// </summary>
internal sealed class FakeTranscriptionServer() : FakeAudioServer<FakeTranscriptionRequest>("/v1/audio/transcriptions")
{
    /// <summary>The key the server accepts; null accepts any key and none.</summary>
    public string? ApiKey { get; init; } = "stt-key";

    /// <summary>The transcript of a request.</summary>
    public Func<FakeTranscriptionRequest, string> Reply { get; set; } = _ => "Hello from the fake transcriber.";

    protected override async Task HandleAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "The request must be multipart/form-data.");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files.GetFile("file");
        if (file is null || string.IsNullOrEmpty(form["model"]))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "file and model are required.");
            return;
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, context.RequestAborted);
        var request = new FakeTranscriptionRequest
        {
            Model = form["model"].ToString(),
            FileName = file.FileName,
            File = content.ToArray(),
            Language = form.TryGetValue("language", out var language) ? language.ToString() : null,
            ResponseFormat = form.TryGetValue("response_format", out var format) ? format.ToString() : null,
            ApiKey = BearerOf(context),
        };
        Record(request);
        if (ApiKey is not null && request.ApiKey != ApiKey)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "Incorrect API key provided.");
            return;
        }

        if (FailWith is { } status)
        {
            await ErrorAsync(context, status, "The fake was told to fail.");
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["text"] = Reply(request) });
    }
}
