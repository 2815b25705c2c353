using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.Gateway.Governor.Loops;

/// <summary>The loop breaker's stored JSON: the evidence of a pause, and the payload of its agent-queue events (camelCase).</summary>
[JsonSerializable(typeof(LoopEvidence))]
[JsonSerializable(typeof(ConversationPausedEvent))]
[JsonSerializable(typeof(ConversationResumedEvent))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class LoopBreakerJsonContext : JsonSerializerContext;
