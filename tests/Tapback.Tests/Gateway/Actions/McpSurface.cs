using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using Tapback.Tests.AgentLink.Mcp;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>The MCP tools: a result is done; a tool error's text is the reason.</summary>
internal sealed partial class McpSurface(McpClient client) : IActionSurface
{
    public string Name => "MCP";

    public Task<ActionOutcome> SendAsync(string chat, string text, string? key) => CallAsync("send_message", Chat(chat, new() { ["text"] = text, ["idempotency_key"] = key }));

    public Task<ActionOutcome> ReactAsync(string messageId, string reaction, string? key) =>
        CallAsync("react", new() { ["message_id"] = messageId, ["reaction"] = reaction });

    public Task<ActionOutcome> TypingAsync(string chat, bool on) => CallAsync("set_typing", Chat(chat, new() { ["on"] = on }));

    public Task<ActionOutcome> MarkReadAsync(string chat, string inbound) => CallAsync("mark_read", Chat(chat, []));

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private static Dictionary<string, object?> Chat(string chat, Dictionary<string, object?> arguments)
    {
        arguments[chat.StartsWith('+') ? "to" : "conversation_id"] = chat;
        return arguments;
    }

    public async Task<ActionOutcome> CallAsync(string tool, Dictionary<string, object?> arguments)
    {
        var (answer, reason) = await CallForAnswerAsync(tool, arguments);
        return answer is null ? ActionOutcome.Refused(reason) : ActionOutcome.Done([.. answer["message_ids"]?.AsArray().Select(id => (string)id!) ?? []]);
    }

    /// <summary>The tool's JSON result, or the sentence of its tool error.</summary>
    private async Task<(JsonNode? Answer, string? Reason)> CallForAnswerAsync(string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments);
        var text = McpFixture.Text(result);
        if (result.IsError == true)
        {
            // The SDK frames the sentence of a tool's McpException: "An error occurred invoking 'react': <sentence>".
            var framing = $"An error occurred invoking '{tool}': ";
            return (null, text.StartsWith(framing, StringComparison.Ordinal) ? text[framing.Length..] : text);
        }

        return (JsonNode.Parse(text) ?? new JsonObject(), null);
    }
}
