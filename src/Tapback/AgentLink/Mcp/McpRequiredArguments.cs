using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Tapback.AgentLink.Mcp;

/// <summary>
/// A call without an argument the tool's schema requires is a tool error naming the argument and
/// what it is. Left to the SDK, binding fails with only "An error occurred invoking the tool".
/// </summary>
internal static class McpRequiredArguments
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
            request.MatchedPrimitive is McpServerTool tool && Missing(tool.ProtocolTool.InputSchema, request.Params?.Arguments) is { } sentence
                ? new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = sentence }] }
                : await next(request, cancellationToken);

    private static string? Missing(JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        if (!schema.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var missing = required.EnumerateArray()
            .Select(name => name.GetString()!)
            .Where(name => arguments is null || !arguments.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            .ToList();
        return missing.Count == 0
            ? null
            : string.Join(" ", missing.Select(name => $"'{name}' is required: {Describe(schema, name)}"));
    }

    private static string Describe(JsonElement schema, string name) =>
        schema.TryGetProperty("properties", out var properties)
        && properties.TryGetProperty(name, out var property)
        && property.TryGetProperty("description", out var description)
            ? description.GetString() ?? string.Empty
            : "see the tool's input schema.";
}
