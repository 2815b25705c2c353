using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.Client;

/// <summary>The agent WebSocket's and pairing's JSON: camelCase, nulls left out. Source-generated, so trimming and AOT keep it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConnectedEvent))]
[JsonSerializable(typeof(MessageReceivedEvent))]
[JsonSerializable(typeof(ReactionEvent))]
[JsonSerializable(typeof(TypingEvent))]
[JsonSerializable(typeof(MessageSentEvent))]
[JsonSerializable(typeof(MessageFailedEvent))]
[JsonSerializable(typeof(MessageStatusEvent))]
[JsonSerializable(typeof(MessageEditedEvent))]
[JsonSerializable(typeof(MessageUnsentEvent))]
[JsonSerializable(typeof(MessageHeldEvent))]
[JsonSerializable(typeof(ConversationPausedEvent))]
[JsonSerializable(typeof(ConversationResumedEvent))]
[JsonSerializable(typeof(TransportDegradedEvent))]
[JsonSerializable(typeof(TransportRecoveredEvent))]
[JsonSerializable(typeof(ErrorEvent))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(AckData))]
[JsonSerializable(typeof(ChatData))]
[JsonSerializable(typeof(SendMessageData))]
[JsonSerializable(typeof(SendReactionData))]
[JsonSerializable(typeof(EditMessageData))]
[JsonSerializable(typeof(UnsendMessageData))]
[JsonSerializable(typeof(UploadAttachmentData))]
[JsonSerializable(typeof(UploadResponseData))]
[JsonSerializable(typeof(UploadReceipt))]
[JsonSerializable(typeof(ExchangeRequest))]
[JsonSerializable(typeof(PairingResult))]
[JsonSerializable(typeof(ProblemDetails))]
internal sealed partial class ClientJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: <c>+</c> and non-ASCII written as themselves, as the gateway writes them (made on first use).</summary>
    public static ClientJsonContext Wire => field ??= new(new JsonSerializerOptions(Default.Options) { Encoder = WireEncoder.Relaxed });
}
