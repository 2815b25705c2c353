using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Gateway.Actions;

/// <summary>The action core's stored JSON: fingerprints (in the REST API's former hashing shape) and message id lists.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ActionFingerprint))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class ActionJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static ActionJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));

    /// <summary>
    /// For request fingerprints only: their hashes are stored, and keys stored before
    /// <see cref="WireJson"/> must still match, so a fingerprint keeps the generator's own escaping.
    /// </summary>
    public static ActionJsonContext Hashed => Default;
}
