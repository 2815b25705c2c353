using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.AgentLink.Webhooks;

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
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
