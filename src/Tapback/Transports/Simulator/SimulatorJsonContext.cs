using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.Transports.Simulator;

[JsonSerializable(typeof(SimulatedMessageRequest))]
[JsonSerializable(typeof(SimulatedReactionRequest))]
[JsonSerializable(typeof(SimulatedMessageAccepted))]
[JsonSerializable(typeof(PhoneEvent))]
[JsonSerializable(typeof(IReadOnlyList<PhoneEvent>))]
[JsonSerializable(typeof(IReadOnlyList<PhoneAttachment>))]
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
