using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.Gateway.Integrations.Credentials;

[JsonSerializable(typeof(ApiKeyView))]
[JsonSerializable(typeof(IReadOnlyList<ApiKeyView>))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class CredentialsJsonContext : JsonSerializerContext;
