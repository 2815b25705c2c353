using System.Text.Json.Serialization;

namespace Tapback.Gateway.OptOut;

[JsonSerializable(typeof(IReadOnlyList<OptOutView>))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class OptOutJsonContext : JsonSerializerContext;
