using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.AgentLink.Frames;

/// <summary>The agent WebSocket's JSON: camelCase, nulls left out.</summary>
[JsonSerializable(typeof(ConnectedData))]
[JsonSerializable(typeof(MessageReceivedData))]
[JsonSerializable(typeof(ReactionData))]
[JsonSerializable(typeof(MessageSentData))]
[JsonSerializable(typeof(MessageFailedData))]
[JsonSerializable(typeof(MessageHeldData))]
[JsonSerializable(typeof(MessageStatusData))]
[JsonSerializable(typeof(TypingData))]
[JsonSerializable(typeof(TransportDegradedData))]
[JsonSerializable(typeof(TransportRecoveredData))]
[JsonSerializable(typeof(MessageChangedData))]
[JsonSerializable(typeof(UploadResponseData))]
[JsonSerializable(typeof(ErrorData))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(AckData))]
[JsonSerializable(typeof(SendMessageData))]
[JsonSerializable(typeof(SendReactionData))]
[JsonSerializable(typeof(EditMessageData))]
[JsonSerializable(typeof(UnsendMessageData))]
[JsonSerializable(typeof(ChatData))]
[JsonSerializable(typeof(UploadAttachmentData))]
[JsonSerializable(typeof(UploadReceipt))]
[JsonSerializable(typeof(Tapback.Gateway.Governor.Loops.ConversationPausedEvent))]
[JsonSerializable(typeof(Tapback.Gateway.Governor.Loops.ConversationResumedEvent))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class AgentLinkJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static AgentLinkJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
