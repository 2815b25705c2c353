using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using Tapback.Messaging.Json;

namespace Tapback.AgentLink.Mcp;

/// <summary>The serializer the tools' schemas and results use: the SDK's defaults, snake_case, our source-generated types first.</summary>
internal static class McpToolJson
{
    public static JsonSerializerOptions Options { get; } = new(McpJsonUtilities.DefaultOptions)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(McpJsonContext.Wire, McpJsonUtilities.DefaultOptions.TypeInfoResolver),
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = WireJson.Encoder,
    };
}
