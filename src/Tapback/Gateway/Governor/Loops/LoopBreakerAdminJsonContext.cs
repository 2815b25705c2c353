using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Gateway.Governor.Loops;

/// <summary>The admin API's answers about pauses: camelCase, as the other admin endpoints.</summary>
[JsonSerializable(typeof(ResumeResult))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class LoopBreakerAdminJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says.</summary>
    public static LoopBreakerAdminJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
