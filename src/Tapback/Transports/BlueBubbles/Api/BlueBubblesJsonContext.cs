using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.Transports.BlueBubbles.Api;

[JsonSerializable(typeof(BlueBubblesEvent))]
[JsonSerializable(typeof(BlueBubblesMessage))]
[JsonSerializable(typeof(BlueBubblesResponse<BlueBubblesMessage>))]
[JsonSerializable(typeof(BlueBubblesResponse<IReadOnlyList<BlueBubblesMessage>>))]
[JsonSerializable(typeof(BlueBubblesResponse<BlueBubblesServerInfo>))]
[JsonSerializable(typeof(BlueBubblesResponse<JsonElement>))]
[JsonSerializable(typeof(SendTextRequest))]
[JsonSerializable(typeof(ReactRequest))]
[JsonSerializable(typeof(MessageQueryRequest))]
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
internal sealed partial class BlueBubblesJsonContext : JsonSerializerContext;
