using System.Text.Json.Nodes;
using Tapback.Tests.AgentLink;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>
/// The agent WebSocket: an action is answered only when refused (an <c>error</c> frame). Frames are
/// handled in order, so an <c>ack</c> sent after it (refused on a connection without acks) marks the
/// point by which any refusal of the action has arrived.
/// </summary>
internal sealed partial class WebSocketSurface(ScriptedAgentClient client) : IActionSurface
{
    public string Name => "WebSocket";

    public Task<ActionOutcome> SendAsync(string chat, string text, string? key)
    {
        var data = new JsonObject { ["chatId"] = chat, ["parts"] = new JsonArray(new JsonObject { ["type"] = "text", ["value"] = text }) };
        if (key is not null)
        {
            data["clientMessageId"] = key;
        }

        return ActAsync("send_message", data);
    }

    public Task<ActionOutcome> ReactAsync(string messageId, string reaction, string? key) =>
        ActAsync("send_reaction", new JsonObject { ["messageId"] = messageId, ["operation"] = "add", ["reactionType"] = reaction });

    public Task<ActionOutcome> TypingAsync(string chat, bool on) => ActAsync(on ? "start_typing" : "stop_typing", new JsonObject { ["chatId"] = chat });

    public Task<ActionOutcome> MarkReadAsync(string chat, string inbound) => ActAsync("mark_read", new JsonObject { ["chatId"] = chat });

    /// <summary>The frames other than refusals that arrived while actions were answered (events, reports), in order.</summary>
    public List<JsonObject> Heard { get; } = [];

    /// <summary>The first frame of <paramref name="type"/> that <paramref name="matches"/>, heard already or still to come.</summary>
    public async Task<JsonObject> HeardAsync(string type, Func<JsonObject, bool> matches)
    {
        while (true)
        {
            if (Heard.FirstOrDefault(frame => (string?)frame["type"] == type && matches(frame)) is { } heard)
            {
                return heard;
            }

            Heard.Add(await client.ReceiveAsync());
        }
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();

    public async Task<ActionOutcome> ActAsync(string type, JsonObject data)
    {
        await client.SendAsync(new JsonObject { ["type"] = type, ["data"] = data });
        await client.SendAsync(new JsonObject { ["type"] = "ack", ["data"] = new JsonObject { ["seq"] = 1 } });
        string? reason = null;
        while (true)
        {
            var frame = await client.ReceiveAsync();
            if ((string?)frame["type"] != "error")
            {
                Heard.Add(frame);
                continue;
            }

            if ((string?)frame["data"]!["requestType"] == "ack")
            {
                return reason is null ? ActionOutcome.Done() : ActionOutcome.Refused(reason);
            }

            reason = (string?)frame["data"]!["message"];
        }
    }
}
