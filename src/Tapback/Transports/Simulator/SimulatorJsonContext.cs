using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Transports.Simulator;

[JsonSerializable(typeof(SimulatedMessageRequest))]
[JsonSerializable(typeof(SimulatedReactionRequest))]
[JsonSerializable(typeof(SimulatedMessageAccepted))]
[JsonSerializable(typeof(SimulatedEditRequest))]
[JsonSerializable(typeof(SimulatedTypingRequest))]
[JsonSerializable(typeof(SimulatedPhone))]
[JsonSerializable(typeof(PhoneEvent))]
[JsonSerializable(typeof(IReadOnlyList<PhoneEvent>))]
[JsonSerializable(typeof(IReadOnlyList<PhoneAttachment>))]
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static SimulatorJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
