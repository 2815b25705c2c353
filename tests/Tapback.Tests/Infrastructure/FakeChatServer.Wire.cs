using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Tapback.Tests.Infrastructure;

/// <summary>Reading requests and writing JSON and server-sent events, shared by the fakes.</summary>
internal abstract partial class FakeChatServer
{
    protected static async Task<JsonObject> ReadJsonAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var json = await reader.ReadToEndAsync(context.RequestAborted);
        return JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("The request body is not a JSON object.");
    }

    protected static Dictionary<string, string> HeadersOf(HttpContext context) =>
        context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    protected static string? BearerToken(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..] : null;
    }

    /// <summary>The text parts of a message's content, which is a string or an array of typed blocks.</summary>
    protected static string TextOf(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray blocks => string.Join("\n", blocks
            .Where(block => (string?)block?["type"] is "text")
            .Select(block => (string?)block?["text"] ?? "")),
        _ => "",
    };

    protected static Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    protected static void StartEventStream(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
    }

    protected static async Task WriteEventAsync(HttpContext context, string? eventName, string data)
    {
        var text = eventName is null ? $"data: {data}\n\n" : $"event: {eventName}\ndata: {data}\n\n";
        await context.Response.WriteAsync(text, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>The reply cut into a few pieces, so a streaming client has to put them back together.</summary>
    protected static IReadOnlyList<string> Chunks(string reply)
    {
        var words = reply.Split(' ');
        return [.. words.Chunk(3).Select((chunk, i) => (i == 0 ? "" : " ") + string.Join(' ', chunk))];
    }

    /// <summary>A rough token count; clients only need a plausible number.</summary>
    protected static int Tokens(string text) => Math.Max(1, text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
}
