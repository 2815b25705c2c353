using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Transports.Blooio;

[JsonSerializable(typeof(BlooioEvent))]
[JsonSerializable(typeof(BlooioSendRequest))]
[JsonSerializable(typeof(BlooioSendResponse))]
[JsonSerializable(typeof(BlooioReactionRequest))]
[JsonSerializable(typeof(BlooioCapabilities))]
[JsonSerializable(typeof(BlooioMessagePage))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowTrailingCommas = true)]
internal sealed partial class BlooioJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static BlooioJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
