using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Gateway.Integrations;

[JsonSerializable(typeof(IntegrationView))]
[JsonSerializable(typeof(IReadOnlyList<IntegrationView>))]
[JsonSerializable(typeof(IntegrationPatch))]
[JsonSerializable(typeof(ResumeRequest))]
[JsonSerializable(typeof(ResumeResult))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class IntegrationAdminJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static IntegrationAdminJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
