using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.AgentLink.Mcp;

/// <summary>The MCP tools' arguments and results: snake_case like the REST API, so one vocabulary serves both.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(McpActionResult))]
[JsonSerializable(typeof(Tapback.AgentLink.Rest.HandleLookupDto))]
[JsonSerializable(typeof(McpConversationPage))]
[JsonSerializable(typeof(McpMessagePage))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(bool))]
internal sealed partial class McpJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static McpJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
