using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Transports.BlueBubbles.Api;

[JsonSerializable(typeof(BlueBubblesEvent))]
[JsonSerializable(typeof(BlueBubblesMessage))]
[JsonSerializable(typeof(BlueBubblesResponse<BlueBubblesMessage>))]
[JsonSerializable(typeof(BlueBubblesResponse<IReadOnlyList<BlueBubblesMessage>>))]
[JsonSerializable(typeof(BlueBubblesResponse<BlueBubblesServerInfo>))]
[JsonSerializable(typeof(BlueBubblesResponse<JsonElement>))]
[JsonSerializable(typeof(SendTextRequest))]
[JsonSerializable(typeof(ReactRequest))]
[JsonSerializable(typeof(EditRequest))]
[JsonSerializable(typeof(UnsendRequest))]
[JsonSerializable(typeof(TypingIndicator))]
[JsonSerializable(typeof(BlueBubblesResponse<HandleAvailability>))]
[JsonSerializable(typeof(MessageQueryRequest))]
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
internal sealed partial class BlueBubblesJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static BlueBubblesJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
