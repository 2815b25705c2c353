using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations.Credentials;

namespace Tapback.AgentLink.Webhooks;

/// <summary>The delivery log and replays.</summary>
internal static partial class WebhookEndpoints
{
    private static async Task<IResult> DeliveriesAsync(
        string id, HttpContext context, WebhookSubscriptionStore subscriptions, WebhookDeliveryStore deliveries,
        string? status, string? before, int? limit, CancellationToken cancellationToken)
    {
        var integrationId = IntegrationPrincipal.Of(context).IntegrationId;
        if (status is not null && !WebhookDeliveryStates.All.Contains(status))
        {
            return Problems.BadRequest($"'status' must be one of {string.Join(", ", WebhookDeliveryStates.All)}; '{status}' is not.");
        }

        if (limit is < 1 or > 200)
        {
            return Problems.BadRequest("'limit' must be between 1 and 200.");
        }

        if (!await subscriptions.ExistsAsync(integrationId, id, cancellationToken))
        {
            return NoSuchWebhook(id);
        }

        return TypedResults.Json(await deliveries.ListAsync(id, status, before, limit ?? 50, cancellationToken), WebhooksJsonContext.Wire.WebhookDeliveryList);
    }

    private static async Task<IResult> ReplayAsync(
        string id, string deliveryId, HttpContext context, WebhookSubscriptionStore subscriptions, WebhookDeliveryStore deliveries,
        Gateway.AgentQueue.AgentLinkSignals signals, CancellationToken cancellationToken)
    {
        var integrationId = IntegrationPrincipal.Of(context).IntegrationId;
        if (!await subscriptions.ExistsAsync(integrationId, id, cancellationToken))
        {
            return NoSuchWebhook(id);
        }

        if (!await deliveries.ReplayAsync(id, deliveryId, cancellationToken))
        {
            return Problems.NotFound($"Webhook '{id}' has no delivery '{deliveryId}'; GET /v2/webhooks/{id}/deliveries lists them.");
        }

        signals.Webhooks.Notify();
        return TypedResults.Json(new ReplayResult(1), WebhooksJsonContext.Wire.ReplayResult, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ReplayDeadAsync(
        string id, HttpContext context, WebhookSubscriptionStore subscriptions, WebhookDeliveryStore deliveries,
        Gateway.AgentQueue.AgentLinkSignals signals, CancellationToken cancellationToken)
    {
        var integrationId = IntegrationPrincipal.Of(context).IntegrationId;
        if (!await subscriptions.ExistsAsync(integrationId, id, cancellationToken))
        {
            return NoSuchWebhook(id);
        }

        var replayed = await deliveries.ReplayDeadAsync(id, cancellationToken);
        signals.Webhooks.Notify();
        return TypedResults.Json(new ReplayResult(replayed), WebhooksJsonContext.Wire.ReplayResult, statusCode: StatusCodes.Status202Accepted);
    }
}
