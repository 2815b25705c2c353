using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.Gateway.Pairing;

[JsonSerializable(typeof(ExchangeRequest))]
[JsonSerializable(typeof(ExchangeResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class PairingJsonContext : JsonSerializerContext;
