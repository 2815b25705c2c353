using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Transports.Sendblue;

[JsonSerializable(typeof(SendblueMessage))]
[JsonSerializable(typeof(SendblueRequest))]
[JsonSerializable(typeof(SendblueLookup))]
[JsonSerializable(typeof(SendblueMessagePage))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowTrailingCommas = true)]
internal sealed partial class SendblueJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static SendblueJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
