using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Gateway.OptOut;

[JsonSerializable(typeof(IReadOnlyList<OptOutView>))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class OptOutJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static OptOutJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
