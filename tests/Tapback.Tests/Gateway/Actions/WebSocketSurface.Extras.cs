using System.Text.Json.Nodes;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>The WebSocket's <c>send_message.data.replyTo</c> and <c>effect</c> (Tapback extensions).</summary>
internal sealed partial class WebSocketSurface : ISendExtrasSurface
{
    public Task<ActionOutcome> SendAsync(string chat, string text, string? key, string? replyTo, string? effect) =>
        ActAsync("send_message", new JsonObject
        {
            ["chatId"] = chat,
            ["parts"] = new JsonArray(new JsonObject { ["type"] = "text", ["value"] = text }),
            ["clientMessageId"] = key,
            ["replyTo"] = replyTo,
            ["effect"] = effect,
        });
}
