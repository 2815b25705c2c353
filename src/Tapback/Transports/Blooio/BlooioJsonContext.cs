using System.Text.Json.Serialization;

namespace Tapback.Transports.Blooio;

[JsonSerializable(typeof(BlooioEvent))]
[JsonSerializable(typeof(BlooioSendRequest))]
[JsonSerializable(typeof(BlooioSendResponse))]
[JsonSerializable(typeof(BlooioReactionRequest))]
[JsonSerializable(typeof(BlooioMessagePage))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowTrailingCommas = true)]
internal sealed partial class BlooioJsonContext : JsonSerializerContext;
