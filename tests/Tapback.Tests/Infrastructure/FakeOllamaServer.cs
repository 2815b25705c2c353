using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// A local Ollama: <c>GET /api/tags</c> lists <see cref="Models"/> (shape from
/// https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models), and its OpenAI
/// endpoint under <c>/v1</c> answers chats. No key, as a local Ollama has none.
/// </summary>
internal sealed class FakeOllamaServer : FakeOpenAIServer
{
    public FakeOllamaServer() => ApiKey = null;

    /// <summary>The pulled models /api/tags lists, in order.</summary>
    public IList<string> Models { get; } = [];

    /// <summary>When true, /api/tags never answers, like a machine that drops the connection.</summary>
    public bool TagsHang { get; set; }

    /// <summary>The address for OLLAMA_HOST: the server WITHOUT <c>/v1</c>.</summary>
    public Uri Host => ServerAddress;

    protected override void Map(WebApplication app)
    {
        base.Map(app);
        app.MapGet("/api/tags", (RequestDelegate)TagsAsync);
    }

    private async Task TagsAsync(HttpContext context)
    {
        if (TagsHang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }

        var models = new JsonArray([.. Models.Select(name => (JsonNode)new JsonObject
        {
            ["name"] = name,
            ["model"] = name,
            ["modified_at"] = "2025-06-01T12:00:00Z",
            ["size"] = 2_019_393_189,
            ["digest"] = "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
            ["details"] = new JsonObject { ["format"] = "gguf", ["family"] = "llama", ["parameter_size"] = "3.2B" },
        })]);
        await WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["models"] = models });
    }
}
