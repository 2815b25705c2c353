using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.AgentLink.Mcp;

/// <summary>The MCP tools' arguments and results: snake_case like the REST API, so one vocabulary serves both.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(McpActionResult))]
[JsonSerializable(typeof(McpConversationPage))]
[JsonSerializable(typeof(McpMessagePage))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(bool))]
internal sealed partial class McpJsonContext : JsonSerializerContext;
