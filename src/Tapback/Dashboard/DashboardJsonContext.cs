using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.AgentLink.Webhooks;
using Tapback.Messaging.Json;

namespace Tapback.Dashboard;

[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(ConnectRequest))]
[JsonSerializable(typeof(ConnectResult))]
[JsonSerializable(typeof(IReadOnlyList<DashboardIntegration>))]
[JsonSerializable(typeof(IReadOnlyList<ConversationSummary>))]
[JsonSerializable(typeof(ConversationHistory))]
[JsonSerializable(typeof(IReadOnlyList<WebhookOverview>))]
[JsonSerializable(typeof(WebhookDeliveryList))]
[JsonSerializable(typeof(SystemView))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class DashboardJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static DashboardJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
