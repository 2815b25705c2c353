using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.AgentLink.Frames;

/// <summary>The agent WebSocket's JSON: camelCase, nulls left out.</summary>
[JsonSerializable(typeof(ConnectedData))]
[JsonSerializable(typeof(MessageReceivedData))]
[JsonSerializable(typeof(ReactionData))]
[JsonSerializable(typeof(MessageSentData))]
[JsonSerializable(typeof(MessageFailedData))]
[JsonSerializable(typeof(MessageStatusData))]
[JsonSerializable(typeof(TypingData))]
[JsonSerializable(typeof(UploadResponseData))]
[JsonSerializable(typeof(ErrorData))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(AckData))]
[JsonSerializable(typeof(SendMessageData))]
[JsonSerializable(typeof(SendReactionData))]
[JsonSerializable(typeof(ChatData))]
[JsonSerializable(typeof(UploadAttachmentData))]
[JsonSerializable(typeof(UploadReceipt))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class AgentLinkJsonContext : JsonSerializerContext;
