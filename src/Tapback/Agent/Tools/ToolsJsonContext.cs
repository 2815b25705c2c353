using System.Text.Json.Serialization;

namespace Tapback.Agent.Tools;

/// <summary>The tool loop's own JSON: question options. Model messages go through Microsoft.Extensions.AI's context.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class ToolsJsonContext : JsonSerializerContext;
