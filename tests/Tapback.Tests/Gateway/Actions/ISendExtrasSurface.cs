using System.Text.Json.Nodes;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>A surface that sends with an inline reply and an effect (REST, the WebSocket, MCP), each in its own field names.</summary>
internal interface ISendExtrasSurface : IActionSurface
{
    Task<ActionOutcome> SendAsync(string chat, string text, string? key, string? replyTo, string? effect);
}

/// <summary>A surface that looks up whether a handle is on iMessage (REST, MCP): the answer's JSON, or the refusal's sentence.</summary>
internal interface IHandleLookupSurface : IActionSurface
{
    Task<(JsonNode? Answer, string? Reason)> LookupAsync(string handle);
}
