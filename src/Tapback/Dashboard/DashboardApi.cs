using Tapback.AgentLink.Webhooks;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations;
using Tapback.Hosting.Admin;

namespace Tapback.Dashboard;

/// <summary>
/// The dashboard's read models and its few actions of its own, under <c>/api/dashboard</c>, behind the
/// admin credential (its cookie, or the Bearer token). Integration changes go to <c>/api/admin</c>.
/// </summary>
internal static partial class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/dashboard").RequireTapbackAdmin().ExcludeFromDescription();
        api.MapGet("/integrations", ListIntegrationsAsync);
        api.MapPost("/connect", ConnectAsync);
        api.MapGet("/integrations/{id}/conversations", IntegrationConversationsAsync);
        api.MapGet("/conversations", AllConversationsAsync);
        api.MapGet("/conversations/{id}", HistoryAsync);
        api.MapGet("/attachments/{id}", AttachmentAsync);
        api.MapGet("/webhooks", WebhooksAsync);
        // The create form's choices: the event types a subscription may ask for, from their one list.
        api.MapGet("/webhooks/event-types", () => TypedResults.Json(WebhookEventTypes.All, DashboardJsonContext.Wire.IReadOnlyListString));
        api.MapGet("/webhooks/{id}/deliveries", DeliveriesAsync);
        api.MapPost("/webhooks/{id}/deliveries/{deliveryId}/replay", ReplayAsync);
        api.MapGet("/system", SystemAsync);
        api.MapGet("/events", (DashboardFeed feed, CancellationToken cancellationToken) => TypedResults.ServerSentEvents(feed.StreamAsync(cancellationToken)))
            .EndsWhenTapbackStops();
        return endpoints;
    }

    private static async Task<IResult> ListIntegrationsAsync(DashboardIntegrations integrations, CancellationToken cancellationToken) =>
        TypedResults.Json(await integrations.ListAsync(cancellationToken), DashboardJsonContext.Wire.IReadOnlyListDashboardIntegration);

    private static async Task<IResult> IntegrationConversationsAsync(
        string id, IntegrationStore store, ConversationDirectory directory, CancellationToken cancellationToken)
    {
        var integration = await store.FindAsync(id, cancellationToken);
        return integration is null
            ? Problems.NotFound($"No integration '{id}'. List them with GET /api/dashboard/integrations.")
            : TypedResults.Json(await directory.ForIntegrationAsync(integration, cancellationToken), DashboardJsonContext.Wire.IReadOnlyListConversationSummary);
    }

    private static async Task<IResult> AllConversationsAsync(ConversationDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Json(await directory.AllAsync(cancellationToken), DashboardJsonContext.Wire.IReadOnlyListConversationSummary);

    private static async Task<IResult> HistoryAsync(string id, string? session, ConversationHistoryReader reader, CancellationToken cancellationToken)
    {
        var history = await reader.ReadAsync(id, session, cancellationToken);
        return history is not null
            ? TypedResults.Json(history, DashboardJsonContext.Wire.ConversationHistory)
            : Problems.NotFound(session is null
                ? $"No conversation '{id}'. List them with GET /api/dashboard/conversations."
                : $"Conversation '{id}' has no session '{session}'; its sessions are listed with the conversation.");
    }

    private static async Task<IResult> AttachmentAsync(string id, AttachmentReader reader, CancellationToken cancellationToken)
    {
        var file = await reader.FindAsync(id, cancellationToken);
        return file is null
            ? Problems.NotFound($"No attachment '{id}'.")
            : TypedResults.PhysicalFile(file.Value.Path, file.Value.ContentType, file.Value.FileName);
    }

    private static async Task<IResult> WebhooksAsync(WebhookOverviewReader reader, CancellationToken cancellationToken) =>
        TypedResults.Json(await reader.ListAsync(cancellationToken), DashboardJsonContext.Wire.IReadOnlyListWebhookOverview);

    private static async Task<IResult> DeliveriesAsync(
        string id, string? status, string? before, WebhookOverviewReader reader, WebhookDeliveryStore deliveries, CancellationToken cancellationToken)
    {
        if (status is not null && !WebhookDeliveryStates.All.Contains(status))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["status"] = [$"'{status}' is not a delivery status; use pending, delivered, dead or cancelled."] });
        }

        return await reader.ExistsAsync(id, cancellationToken)
            ? TypedResults.Json(await deliveries.ListAsync(id, status, before, 50, cancellationToken), DashboardJsonContext.Wire.WebhookDeliveryList)
            : NoWebhook(id);
    }

    private static async Task<IResult> ReplayAsync(string id, string deliveryId, WebhookDeliveryStore deliveries, CancellationToken cancellationToken) =>
        await deliveries.ReplayAsync(id, deliveryId, cancellationToken)
            ? TypedResults.Accepted((string?)null)
            : Problems.NotFound($"Webhook '{id}' has no delivery '{deliveryId}'.");

    private static async Task<IResult> SystemAsync(SystemReader reader, CancellationToken cancellationToken) =>
        TypedResults.Json(await reader.ReadAsync(cancellationToken), DashboardJsonContext.Wire.SystemView);

    private static IResult NoWebhook(string id) => Problems.NotFound($"No webhook '{id}'. List them with GET /api/dashboard/webhooks.");
}
