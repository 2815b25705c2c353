using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// The Anthropic Messages API (<c>POST /v1/messages</c>) as documented at
/// https://docs.anthropic.com/en/api/messages and .../messages-streaming: a JSON message, or the
/// server-sent event sequence when the request says <c>"stream": true</c>. Accepts the key as
/// <c>x-api-key</c> or <c>Authorization: Bearer</c> (the C# SDK 13.x sends Bearer).
/// </summary>
internal sealed class FakeAnthropicServer : FakeChatServer
{
    private int _messageNumber;

    /// <summary>The SDK's <c>ClientOptions.BaseUrl</c>: the server WITHOUT <c>/v1</c>; the SDK adds it.</summary>
    protected override Uri BaseUrlFor(Uri serverAddress) => serverAddress;

    protected override void Map(WebApplication app) => app.MapPost("/v1/messages", (RequestDelegate)HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var request = Parse(context, await ReadJsonAsync(context));
        Record(request);
        if (!Accepts(request))
        {
            // The documented error shape for a bad key.
            await WriteJsonAsync(context, StatusCodes.Status401Unauthorized, new JsonObject
            {
                ["type"] = "error",
                ["error"] = new JsonObject { ["type"] = "authentication_error", ["message"] = "invalid x-api-key" },
                ["request_id"] = "req_fake_unauthorized",
            });
            return;
        }

        var reply = await ReplyAfterGateAsync(request, context);
        var id = $"msg_fake_{Interlocked.Increment(ref _messageNumber):D4}";
        context.Response.Headers["request-id"] = "req_" + id;
        if (request.Stream)
        {
            await StreamAsync(context, request, id, reply);
            return;
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["id"] = id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = request.Model,
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = reply }),
            ["stop_reason"] = "end_turn",
            ["stop_sequence"] = null,
            ["usage"] = Usage(request, reply),
        });
    }

    private static async Task StreamAsync(HttpContext context, FakeChatRequest request, string id, string reply)
    {
        StartEventStream(context);
        var message = new JsonObject
        {
            ["id"] = id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = request.Model,
            ["content"] = new JsonArray(),
            ["stop_reason"] = null,
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = InputTokens(request), ["output_tokens"] = 1 },
        };
        await SendAsync(context, "message_start", new JsonObject { ["message"] = message });
        await SendAsync(context, "content_block_start", new JsonObject
        {
            ["index"] = 0,
            ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
        });
        await SendAsync(context, "ping", []);
        foreach (var chunk in Chunks(reply))
        {
            await SendAsync(context, "content_block_delta", new JsonObject
            {
                ["index"] = 0,
                ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = chunk },
            });
        }

        await SendAsync(context, "content_block_stop", new JsonObject { ["index"] = 0 });
        await SendAsync(context, "message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = Tokens(reply) },
        });
        await SendAsync(context, "message_stop", []);
    }

    // Each event's data repeats its name in "type", as the real stream does.
    private static Task SendAsync(HttpContext context, string eventName, JsonObject data)
    {
        var body = new JsonObject { ["type"] = eventName };
        foreach (var (key, value) in data.ToList())
        {
            data.Remove(key);
            body[key] = value;
        }

        return WriteEventAsync(context, eventName, body.ToJsonString());
    }

    private static JsonObject Usage(FakeChatRequest request, string reply) =>
        new() { ["input_tokens"] = InputTokens(request), ["output_tokens"] = Tokens(reply) };

    private static int InputTokens(FakeChatRequest request) =>
        Tokens((request.System ?? "") + " " + string.Join(' ', request.Messages.Select(message => message.Text)));

    private static FakeChatRequest Parse(HttpContext context, JsonObject json)
    {
        var xApiKey = context.Request.Headers["x-api-key"].ToString();
        var bearer = BearerToken(context);
        return new FakeChatRequest
        {
            Model = (string?)json["model"] ?? "",
            System = json["system"] is { } system ? TextOf(system) : null,
            Messages = [.. (json["messages"]?.AsArray() ?? []).Select(message =>
                new FakeChatMessage((string?)message?["role"] ?? "", TextOf(message?["content"])))],
            MaxTokens = (int?)json["max_tokens"],
            Stream = (bool?)json["stream"] ?? false,
            ApiKey = xApiKey.Length > 0 ? xApiKey : bearer,
            AuthScheme = xApiKey.Length > 0 ? "x-api-key" : bearer is not null ? "Bearer" : null,
            Headers = HeadersOf(context),
            RawJson = json.ToJsonString(),
        };
    }
}
