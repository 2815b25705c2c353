using System.Text.Json.Nodes;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>MCP <c>send_message</c>'s <c>reply_to</c> and <c>effect</c>, and the <c>lookup_handle</c> tool.</summary>
internal sealed partial class McpSurface : ISendExtrasSurface, IHandleLookupSurface
{
    public Task<ActionOutcome> SendAsync(string chat, string text, string? key, string? replyTo, string? effect) =>
        CallAsync("send_message", Chat(chat, new() { ["text"] = text, ["idempotency_key"] = key, ["reply_to"] = replyTo, ["effect"] = effect }));

    public Task<(JsonNode? Answer, string? Reason)> LookupAsync(string handle) => CallForAnswerAsync("lookup_handle", new() { ["handle"] = handle });
}
