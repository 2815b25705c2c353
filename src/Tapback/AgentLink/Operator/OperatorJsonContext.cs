using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.AgentLink.Operator;

[JsonSerializable(typeof(OperatorSendRequest))]
[JsonSerializable(typeof(OperatorSendResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class OperatorJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static OperatorJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
