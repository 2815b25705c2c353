using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Gateway.Pairing;

[JsonSerializable(typeof(ExchangeRequest))]
[JsonSerializable(typeof(ExchangeResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class PairingJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static PairingJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
