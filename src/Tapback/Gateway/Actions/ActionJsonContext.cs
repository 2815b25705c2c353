using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.Gateway.Actions;

/// <summary>The action core's stored JSON: fingerprints (in the REST API's former hashing shape) and message id lists.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ActionFingerprint))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class ActionJsonContext : JsonSerializerContext;
