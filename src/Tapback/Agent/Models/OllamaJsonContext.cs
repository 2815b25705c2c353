using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Agent.Models;

[JsonSerializable(typeof(OllamaTagsResponse))]
internal sealed partial class OllamaJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static OllamaJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
