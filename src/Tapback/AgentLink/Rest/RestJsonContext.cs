using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.AgentLink.Rest;

/// <summary>The REST API's wire format: snake_case, as HTTP bots written for hosted gateways expect.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(TypingRequest))]
[JsonSerializable(typeof(ReactionRequest))]
[JsonSerializable(typeof(ActionAccepted))]
[JsonSerializable(typeof(EditMessageRequest))]
[JsonSerializable(typeof(MessageChangeAccepted))]
[JsonSerializable(typeof(HandleLookupDto))]
[JsonSerializable(typeof(MessageDto))]
[JsonSerializable(typeof(Page<ConversationDto>))]
[JsonSerializable(typeof(Page<MessageDto>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(RestAttachment))]
internal sealed partial class RestJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static RestJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
