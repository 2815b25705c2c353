using System.Text.Json.Nodes;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>REST's <c>reply_to</c> and <c>effect</c>, and <c>GET /v2/handles/{handle}</c>.</summary>
internal sealed partial class RestSurface : ISendExtrasSurface, IHandleLookupSurface
{
    public Task<ActionOutcome> SendAsync(string chat, string text, string? key, string? replyTo, string? effect) =>
        PostAsync("/v2/messages", Chat(chat, new JsonObject { ["body"] = text, ["reply_to"] = replyTo, ["effect"] = effect }), key);

    public async Task<(JsonNode? Answer, string? Reason)> LookupAsync(string handle)
    {
        using var response = await _client.GetAsync($"/v2/handles/{Uri.EscapeDataString(handle)}");
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return response.IsSuccessStatusCode ? (answer, null) : (null, (string?)answer?["detail"]);
    }
}
