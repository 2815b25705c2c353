using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.AgentLink.Rest;

/// <summary>The REST API's wire format: snake_case, as HTTP bots written for hosted gateways expect.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(TypingRequest))]
[JsonSerializable(typeof(ReactionRequest))]
[JsonSerializable(typeof(ActionAccepted))]
[JsonSerializable(typeof(MessageDto))]
[JsonSerializable(typeof(Page<ConversationDto>))]
[JsonSerializable(typeof(Page<MessageDto>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(RestAttachment))]
internal sealed partial class RestJsonContext : JsonSerializerContext;
