using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// OpenAI Chat Completions (<c>POST /v1/chat/completions</c>) as documented at
/// https://platform.openai.com/docs/api-reference/chat: a <c>chat.completion</c>, or
/// <c>chat.completion.chunk</c> events ending in <c>data: [DONE]</c> when <c>"stream": true</c>.
/// Bearer auth. A scripted <see cref="FakeReply"/> with tool calls answers with <c>tool_calls</c> on the
/// assistant message and <c>finish_reason: "tool_calls"</c>; results come back as <c>role: "tool"</c>
/// messages, recorded with their <c>tool_call_id</c>. Also the base of <see cref="FakeOllamaServer"/>, which speaks the same protocol.
/// </summary>
internal class FakeOpenAIServer : FakeChatServer
{
    private const long Created = 1_750_000_000;
    private int _completionNumber;
    private int _callNumber;

    /// <summary><c>OpenAIClientOptions.Endpoint</c>: the server WITH <c>/v1</c>, as the SDK expects.</summary>
    protected override Uri BaseUrlFor(Uri serverAddress) => new(serverAddress, "v1");

    protected override void Map(WebApplication app) => app.MapPost("/v1/chat/completions", (RequestDelegate)HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var json = await ReadJsonAsync(context);
        var request = Parse(context, json);
        Record(request);
        if (!Accepts(request))
        {
            await WriteJsonAsync(context, StatusCodes.Status401Unauthorized, new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["message"] = "Incorrect API key provided.",
                    ["type"] = "invalid_request_error",
                    ["param"] = null,
                    ["code"] = "invalid_api_key",
                },
            });
            return;
        }

        var reply = await ScriptedReplyAfterGateAsync(request, context);
        if (reply.Status is { } status)
        {
            context.Response.Headers["retry-after"] = "0";
            await WriteJsonAsync(context, status, new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["message"] = $"The fake model failed with {status}.",
                    ["type"] = status == StatusCodes.Status429TooManyRequests ? "rate_limit_error" : "server_error",
                    ["param"] = null,
                    ["code"] = null,
                },
            });
            return;
        }

        var id = $"chatcmpl-fake{Interlocked.Increment(ref _completionNumber):D4}";
        var toolCalls = ToolCallsJson(reply);
        var finishReason = toolCalls is null ? "stop" : "tool_calls";
        var text = reply.Text ?? "";
        if (request.Stream)
        {
            var includeUsage = (bool?)json["stream_options"]?["include_usage"] ?? false;
            await StreamAsync(context, request, id, text, toolCalls, includeUsage);
            return;
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text, ["refusal"] = null };
        if (toolCalls is not null)
        {
            message["tool_calls"] = toolCalls;
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = Created,
            ["model"] = request.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
            ["usage"] = Usage(request, text),
        });
    }

    private JsonArray? ToolCallsJson(FakeReply reply)
    {
        if (reply.ToolCalls.Count == 0)
        {
            return null;
        }

        var calls = new JsonArray();
        foreach (var call in reply.ToolCalls)
        {
            calls.Add(new JsonObject
            {
                ["id"] = call.Id ?? $"call_fake{Interlocked.Increment(ref _callNumber):D4}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.ArgumentsJson },
            });
        }

        return calls;
    }

    private static async Task StreamAsync(HttpContext context, FakeChatRequest request, string id, string reply, JsonArray? toolCalls, bool includeUsage)
    {
        StartEventStream(context);
        await SendChunkAsync(context, request, id, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null);
        if (reply.Length > 0)
        {
            foreach (var chunk in Chunks(reply))
            {
                await SendChunkAsync(context, request, id, new JsonObject { ["content"] = chunk }, null);
            }
        }

        for (var index = 0; index < (toolCalls?.Count ?? 0); index++)
        {
            // Each call arrives whole in one delta, with its index, as the API allows.
            var call = toolCalls![index]!.DeepClone().AsObject();
            call["index"] = index;
            await SendChunkAsync(context, request, id, new JsonObject { ["tool_calls"] = new JsonArray(call) }, null);
        }

        await SendChunkAsync(context, request, id, [], toolCalls is null ? "stop" : "tool_calls");
        if (includeUsage)
        {
            // With stream_options.include_usage the last chunk has no choices, only usage.
            await WriteEventAsync(context, null, Chunk(request, id, new JsonArray(), Usage(request, reply)).ToJsonString());
        }

        await WriteEventAsync(context, null, "[DONE]");
    }

    private static Task SendChunkAsync(HttpContext context, FakeChatRequest request, string id, JsonObject delta, string? finishReason)
    {
        var choice = new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason };
        return WriteEventAsync(context, null, Chunk(request, id, new JsonArray(choice), null).ToJsonString());
    }

    private static JsonObject Chunk(FakeChatRequest request, string id, JsonArray choices, JsonObject? usage) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = request.Model,
        ["choices"] = choices,
        ["usage"] = usage,
    };

    private static JsonObject Usage(FakeChatRequest request, string reply)
    {
        var prompt = Tokens((request.System ?? "") + " " + string.Join(' ', request.Messages.Select(message => message.Text)));
        var completion = Tokens(reply);
        return new() { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion };
    }

    private static FakeChatRequest Parse(HttpContext context, JsonObject json)
    {
        var messages = (json["messages"]?.AsArray() ?? [])
            .Select(message => new FakeChatMessage((string?)message?["role"] ?? "", TextOf(message?["content"]))
            {
                ToolCallId = (string?)message?["tool_call_id"],
                ToolCallNames = message?["tool_calls"] is JsonArray calls
                    ? string.Join(",", calls.Select(call => (string?)call?["function"]?["name"]))
                    : null,
            })
            .ToList();
        var system = messages.Where(message => message.Role is "system" or "developer").Select(message => message.Text).ToList();
        var bearer = BearerToken(context);
        return new FakeChatRequest
        {
            Model = (string?)json["model"] ?? "",
            System = system.Count > 0 ? string.Join("\n", system) : null,
            Messages = [.. messages.Where(message => message.Role is not ("system" or "developer"))],
            MaxTokens = (int?)json["max_completion_tokens"] ?? (int?)json["max_tokens"],
            Stream = (bool?)json["stream"] ?? false,
            Tools = [.. (json["tools"]?.AsArray() ?? []).Select(tool => (string?)tool?["function"]?["name"] ?? "")],
            ApiKey = bearer,
            AuthScheme = bearer is not null ? "Bearer" : null,
            Headers = HeadersOf(context),
            RawJson = json.ToJsonString(),
        };
    }
}
