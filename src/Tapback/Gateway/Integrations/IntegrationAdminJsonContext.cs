using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.Gateway.Integrations;

[JsonSerializable(typeof(IntegrationView))]
[JsonSerializable(typeof(IReadOnlyList<IntegrationView>))]
[JsonSerializable(typeof(IntegrationPatch))]
[JsonSerializable(typeof(ResumeRequest))]
[JsonSerializable(typeof(ResumeResult))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class IntegrationAdminJsonContext : JsonSerializerContext;
