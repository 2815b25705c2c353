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
        var group = endpoints.MapGroup("/v2/webhooks").WithTags("Webhooks").RequireIntegrationCredential().RequireRateLimiting(Rest.RestEndpoints.RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/", CreateAsync)
            .WithSummary("Subscribe a URL to this integration's events; the signing secret is in this answer only.")
            .AcceptsJson<CreateWebhookRequest>()
            .Produces<WebhookView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", ListAsync)
            .WithSummary("This integration's webhooks (without their secrets).")
            .Produces<WebhookList>();
        group.MapDelete("/{id}", DeleteAsync)
            .WithSummary("Delete a webhook; its deliveries not yet made are cancelled.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/secret/rotate", RotateAsync)
            .WithSummary("A new signing secret; for 24 hours deliveries are signed with the new and the old one.")
            .Produces<WebhookView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/deliveries", DeliveriesAsync)
            .WithSummary("The webhook's delivery log, newest first; pass next_before as before for the next page.")
            .Produces<WebhookDeliveryList>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/deliveries/replay", ReplayDeadAsync)
            .WithSummary("Try every dead delivery of the webhook again.")
            .Produces<ReplayResult>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/deliveries/{deliveryId}/replay", ReplayAsync)
            .WithSummary("Try one delivery again, from attempt 1.")
            .Produces<ReplayResult>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
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
