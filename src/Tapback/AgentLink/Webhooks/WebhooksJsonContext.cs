using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.AgentLink.Webhooks;

/// <summary>The webhook API and event bodies: snake_case, as the classic HTTP bot expects.</summary>
[JsonSerializable(typeof(CreateWebhookRequest))]
[JsonSerializable(typeof(WebhookView))]
[JsonSerializable(typeof(WebhookList))]
[JsonSerializable(typeof(WebhookDeliveryList))]
[JsonSerializable(typeof(ReplayResult))]
[JsonSerializable(typeof(WebhookEvent))]
[JsonSerializable(typeof(MessageEventData))]
[JsonSerializable(typeof(ReactionEventData))]
[JsonSerializable(typeof(StatusEventData))]
[JsonSerializable(typeof(HeldEventData))]
[JsonSerializable(typeof(MessageChangeEventData))]
[JsonSerializable(typeof(TypingEventData))]
[JsonSerializable(typeof(Tapback.Gateway.Governor.Loops.ConversationPausedEvent))]
[JsonSerializable(typeof(Tapback.Gateway.Governor.Loops.ConversationResumedEvent))]
[JsonSerializable(typeof(TransportEventData))]
[JsonSerializable(typeof(string[]))]
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class WebhooksJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static WebhooksJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
