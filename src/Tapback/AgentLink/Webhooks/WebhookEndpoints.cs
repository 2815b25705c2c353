using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations.Credentials;

namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// <c>/v2/webhooks</c>: an integration manages its own subscriptions with its token. A subscription
/// of another integration is answered 404, as if it did not exist.
/// </summary>
internal static partial class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v2/webhooks").WithTags("Webhooks").RequireIntegrationCredential().RequireRateLimiting(Rest.RestEndpoints.RateLimitPolicy);
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapDelete("/{id}", DeleteAsync);
        group.MapPost("/{id}/secret/rotate", RotateAsync);
        group.MapGet("/{id}/deliveries", DeliveriesAsync);
        group.MapPost("/{id}/deliveries/replay", ReplayDeadAsync);
        group.MapPost("/{id}/deliveries/{deliveryId}/replay", ReplayAsync);
        return endpoints;
    }

    private static Task<IResult> CreateAsync(HttpContext context, WebhookRegistration registration, CancellationToken cancellationToken) =>
        registration.CreateAsync(IntegrationPrincipal.Of(context).IntegrationId, context.Request, "DELETE /v2/webhooks/{id}", cancellationToken);

    private static async Task<IResult> ListAsync(HttpContext context, WebhookSubscriptionStore subscriptions, CancellationToken cancellationToken)
    {
        var integrationId = IntegrationPrincipal.Of(context).IntegrationId;
        return TypedResults.Json(new WebhookList(await subscriptions.ListAsync(integrationId, cancellationToken)), WebhooksJsonContext.Wire.WebhookList);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, WebhookSubscriptionStore subscriptions, CancellationToken cancellationToken)
    {
        var integrationId = IntegrationPrincipal.Of(context).IntegrationId;
        return await subscriptions.DeleteAsync(integrationId, id, cancellationToken) ? TypedResults.NoContent() : NoSuchWebhook(id);
    }

    private static async Task<IResult> RotateAsync(string id, HttpContext context, WebhookSubscriptionStore subscriptions, CancellationToken cancellationToken)
    {
        var integrationId = IntegrationPrincipal.Of(context).IntegrationId;
        return await subscriptions.RotateSecretAsync(integrationId, id, cancellationToken) is { } rotated
            ? TypedResults.Json(rotated, WebhooksJsonContext.Wire.WebhookView)
            : NoSuchWebhook(id);
    }

    private static IResult NoSuchWebhook(string id) =>
        Problems.NotFound($"This integration has no webhook '{id}'; GET /v2/webhooks lists them.");
}
