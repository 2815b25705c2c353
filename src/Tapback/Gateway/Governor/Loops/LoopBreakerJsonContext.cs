using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Gateway.Governor.Loops;

/// <summary>The loop breaker's stored JSON: the evidence of a pause, and the payload of its agent-queue events (camelCase).</summary>
[JsonSerializable(typeof(LoopEvidence))]
[JsonSerializable(typeof(ConversationPausedEvent))]
[JsonSerializable(typeof(ConversationResumedEvent))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class LoopBreakerJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static LoopBreakerJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
