using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Agent.Memory;
using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Api;

[JsonSerializable(typeof(Conversation))]
[JsonSerializable(typeof(IReadOnlyList<SessionView>))]
[JsonSerializable(typeof(IReadOnlyList<AgentError>))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class AgentApiJsonContext : JsonSerializerContext;
