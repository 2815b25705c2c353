using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Tapback.Bench;

/// <summary>
/// A model that answers at once: an OpenAI chat-completions endpoint on loopback that hands every
/// request to the benchmark (with the time it arrived) and replies with one fixed short sentence.
/// Tapback reaches it as <c>Provider=openai-compatible</c>.
/// </summary>
internal sealed class InstantModel : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InstantModel(WebApplication app) => _app = app;

    public const string Reply = "Sure, noted. I will keep that in mind and get back to you later today with the details.";

    /// <summary>As long as Tapback lets a summary be (250 words), so the prompt carries a full-size one.</summary>
    public static readonly string SummaryReply = string.Join(' ', Enumerable.Repeat("The person plans a Saturday dinner at eight, asked Sam to bring the salad and wants a reminder the day before.", 12));

    public Uri BaseUrl => new(new Uri(_app.Urls.First()), "/v1");

    /// <summary>Tapback's settings that point its built-in agent here.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["Tapback:Agent:Provider"] = "openai-compatible",
        ["Tapback:Agent:BaseUrl"] = BaseUrl.ToString(),
        ["Tapback:Agent:Model"] = "instant",
        ["Tapback:Agent:ApiKey"] = "bench",
    };

    public static async Task<InstantModel> StartAsync(Action<ModelRequest> onRequest)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var arrived = Stopwatch.GetTimestamp();
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var json = JsonNode.Parse(body)!;
            var received = new ModelRequest(arrived, json["messages"]!.AsArray(), body.Length);
            onRequest(received);
            return Results.Text(Completion((string?)json["model"], received.IsSummary ? SummaryReply : Reply), "application/json");
        });
        await app.StartAsync();
        return new InstantModel(app);
    }

    private static string Completion(string? model, string text) => new JsonObject
    {
        ["id"] = "chatcmpl-bench",
        ["object"] = "chat.completion",
        ["created"] = 1_763_000_000,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
    }.ToJsonString();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
