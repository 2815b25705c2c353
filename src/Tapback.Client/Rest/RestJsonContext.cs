using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.Client;

/// <summary>The REST API's and webhooks' JSON: snake_case, nulls left out. Source-generated, so trimming and AOT keep it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(EditMessageRequest))]
[JsonSerializable(typeof(MessageChangeAccepted))]
[JsonSerializable(typeof(ReactionRequest))]
[JsonSerializable(typeof(TypingRequest))]
[JsonSerializable(typeof(ActionAccepted))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(Page<Message>), TypeInfoPropertyName = "PageMessage")]
[JsonSerializable(typeof(Page<Conversation>), TypeInfoPropertyName = "PageConversation")]
[JsonSerializable(typeof(HandleLookup))]
[JsonSerializable(typeof(CreateWebhookRequest))]
[JsonSerializable(typeof(Webhook))]
[JsonSerializable(typeof(WebhookList))]
[JsonSerializable(typeof(WebhookDeliveryPage))]
[JsonSerializable(typeof(ReplayResult))]
[JsonSerializable(typeof(WebhookMessageEvent))]
[JsonSerializable(typeof(WebhookReactionEvent))]
[JsonSerializable(typeof(WebhookStatusEvent))]
[JsonSerializable(typeof(WebhookMessageChangeEvent))]
[JsonSerializable(typeof(WebhookTypingEvent))]
[JsonSerializable(typeof(WebhookMessageHeldEvent))]
[JsonSerializable(typeof(WebhookConversationPausedEvent))]
[JsonSerializable(typeof(WebhookConversationResumedEvent))]
[JsonSerializable(typeof(WebhookTransportEvent))]
internal sealed partial class RestJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: <c>+</c> and non-ASCII written as themselves, as the gateway writes them (made on first use).</summary>
    public static RestJsonContext Wire => field ??= new(new JsonSerializerOptions(Default.Options) { Encoder = WireEncoder.Relaxed });
}
