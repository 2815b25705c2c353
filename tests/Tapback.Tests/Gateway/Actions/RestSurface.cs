using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>The REST API: a 202 is done; a problem's <c>detail</c> is the reason.</summary>
internal sealed partial class RestSurface(TapbackTestHost host, string token) : IActionSurface
{
    private readonly HttpClient _client = RestFixture.ClientFor(host, token);

    public string Name => "REST";

    public Task<ActionOutcome> SendAsync(string chat, string text, string? key) =>
        PostAsync("/v2/messages", Chat(chat, new JsonObject { ["body"] = text }), key);

    public Task<ActionOutcome> ReactAsync(string messageId, string reaction, string? key) =>
        PostAsync($"/v2/messages/{messageId}/reactions", new JsonObject { ["reaction"] = "+" + reaction }, key);

    public Task<ActionOutcome> TypingAsync(string chat, bool on) => PostAsync("/v2/typing", Chat(chat, new JsonObject { ["typing"] = on }), null);

    public Task<ActionOutcome> MarkReadAsync(string chat, string inbound) => PostAsync($"/v2/messages/{inbound}/read", new JsonObject(), null);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static JsonObject Chat(string chat, JsonObject body)
    {
        body[chat.StartsWith('+') ? "to" : "conversation_id"] = chat;
        return body;
    }

    private async Task<ActionOutcome> PostAsync(string path, JsonObject body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await _client.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return response.IsSuccessStatusCode
            ? ActionOutcome.Done([.. answer?["message_ids"]?.AsArray().Select(id => (string)id!) ?? []])
            : ActionOutcome.Refused((string?)answer?["detail"]);
    }
}
