using System.Text.Json.Serialization;

namespace Tapback.Transports.Sendblue;

[JsonSerializable(typeof(SendblueMessage))]
[JsonSerializable(typeof(SendblueRequest))]
[JsonSerializable(typeof(SendblueMessagePage))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowTrailingCommas = true)]
internal sealed partial class SendblueJsonContext : JsonSerializerContext;
