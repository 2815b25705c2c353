using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Gateway.Integrations.Credentials;

[JsonSerializable(typeof(ApiKeyView))]
[JsonSerializable(typeof(IReadOnlyList<ApiKeyView>))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class CredentialsJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static CredentialsJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
