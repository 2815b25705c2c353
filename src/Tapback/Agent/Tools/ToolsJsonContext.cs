using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Agent.Tools;

/// <summary>The tool loop's own JSON: question options. Model messages go through Microsoft.Extensions.AI's context.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class ToolsJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static ToolsJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
