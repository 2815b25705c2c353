using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>Edits, unsends and scheduled sends, each surface through its own wire format.</summary>
internal interface IEditSurface : IAsyncDisposable
{
    string Name { get; }

    Task<ActionOutcome> SendAsync(string chat, string text, string? sendAt = null);

    Task<ActionOutcome> EditAsync(string messageId, string text, string? key = null);

    Task<ActionOutcome> UnsendAsync(string messageId);
}

/// <summary>REST: <c>POST /v2/messages</c> with <c>send_at</c>, <c>PATCH</c> and <c>DELETE /v2/messages/{id}</c>; the last status and answer are kept.</summary>
internal sealed class RestEdits(TapbackTestHost host, string token) : IEditSurface
{
    private readonly HttpClient _client = RestFixture.ClientFor(host, token);

    public string Name => "REST";

    public int LastStatus { get; private set; }

    public JsonNode? LastAnswer { get; private set; }

    public Task<ActionOutcome> SendAsync(string chat, string text, string? sendAt = null)
    {
        var body = new JsonObject { [chat.StartsWith('+') ? "to" : "conversation_id"] = chat, ["body"] = text };
        if (sendAt is not null)
        {
            body["send_at"] = sendAt;
        }

        return CallAsync(HttpMethod.Post, "/v2/messages", body, null);
    }

    public Task<ActionOutcome> EditAsync(string messageId, string text, string? key = null) =>
        CallAsync(HttpMethod.Patch, $"/v2/messages/{messageId}", new JsonObject { ["body"] = text }, key);

    public Task<ActionOutcome> UnsendAsync(string messageId) => CallAsync(HttpMethod.Delete, $"/v2/messages/{messageId}", null, null);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<ActionOutcome> CallAsync(HttpMethod method, string path, JsonObject? body, string? key)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await _client.SendAsync(request);
        LastStatus = (int)response.StatusCode;
        LastAnswer = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        if (!response.IsSuccessStatusCode)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return ActionOutcome.Refused((string?)LastAnswer?["detail"]);
        }

        return ActionOutcome.Done((string?)LastAnswer?["message_id"] is { } id ? [id] : []);
    }
}

/// <summary>The WebSocket: <c>send_message.data.sendAt</c>, <c>edit_message</c>, <c>unsend_message</c>; answered only when refused.</summary>
internal sealed class SocketEdits(ScriptedAgentClient client) : IEditSurface
{
    private readonly WebSocketSurface _socket = new(client);

    public string Name => "WebSocket";

    public Task<ActionOutcome> SendAsync(string chat, string text, string? sendAt = null)
    {
        var data = new JsonObject { ["chatId"] = chat, ["parts"] = new JsonArray(new JsonObject { ["type"] = "text", ["value"] = text }) };
        if (sendAt is not null)
        {
            data["sendAt"] = sendAt;
        }

        return _socket.ActAsync("send_message", data);
    }

    public Task<ActionOutcome> EditAsync(string messageId, string text, string? key = null)
    {
        var data = new JsonObject { ["messageId"] = messageId, ["text"] = text };
        if (key is not null)
        {
            data["clientMessageId"] = key;
        }

        return _socket.ActAsync("edit_message", data);
    }

    public Task<ActionOutcome> UnsendAsync(string messageId) => _socket.ActAsync("unsend_message", new JsonObject { ["messageId"] = messageId });

    public ValueTask DisposeAsync() => _socket.DisposeAsync();
}

/// <summary>MCP: <c>send_message</c> with <c>send_at</c>, <c>edit_message</c>, <c>unsend_message</c>.</summary>
internal sealed class McpEdits(McpClient client) : IEditSurface
{
    private readonly McpSurface _mcp = new(client);

    public string Name => "MCP";

    public Task<ActionOutcome> SendAsync(string chat, string text, string? sendAt = null) =>
        _mcp.CallAsync("send_message", new() { [chat.StartsWith('+') ? "to" : "conversation_id"] = chat, ["text"] = text, ["send_at"] = sendAt });

    public Task<ActionOutcome> EditAsync(string messageId, string text, string? key = null) =>
        _mcp.CallAsync("edit_message", new() { ["message_id"] = messageId, ["text"] = text, ["idempotency_key"] = key });

    public Task<ActionOutcome> UnsendAsync(string messageId) => _mcp.CallAsync("unsend_message", new() { ["message_id"] = messageId });

    public ValueTask DisposeAsync() => _mcp.DisposeAsync();
}
