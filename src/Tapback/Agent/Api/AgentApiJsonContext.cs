using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Agent.Memory;
using Tapback.Gateway.Conversations;
using Tapback.Messaging.Json;

namespace Tapback.Agent.Api;

[JsonSerializable(typeof(Conversation))]
[JsonSerializable(typeof(IReadOnlyList<SessionView>))]
[JsonSerializable(typeof(IReadOnlyList<AgentError>))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class AgentApiJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static AgentApiJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
