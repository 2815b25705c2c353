using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations;

namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// <c>/api/admin/integrations/{id}/webhooks</c>: the operator lists, creates and deletes an integration's
/// subscriptions, as its agent does on <c>/v2/webhooks</c> (same checks, same answers). Mapped inside
/// the admin group, so the admin credential guards it.
/// </summary>
internal static class WebhookAdminEndpoints
{
    public static RouteGroupBuilder MapWebhookAdmin(this RouteGroupBuilder admin)
    {
        var webhooks = admin.MapGroup("/integrations/{id}/webhooks")
            .WithTags("Webhooks")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapGet("/", ListAsync)
            .WithSummary("The integration's webhooks (without their secrets).")
            .Produces<WebhookList>();
        webhooks.MapPost("/", CreateAsync)
            .WithSummary("Subscribe a URL to the integration's events; the signing secret is in this answer only.")
            .AcceptsJson<CreateWebhookRequest>()
            .Produces<WebhookView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        webhooks.MapDelete("/{webhookId}", DeleteAsync)
            .WithSummary("Delete a webhook; its deliveries not yet made are cancelled.")
            .Produces(StatusCodes.Status204NoContent);
        return admin;
    }

    private static async Task<IResult> ListAsync(string id, IntegrationStore integrations, WebhookSubscriptionStore subscriptions, CancellationToken cancellationToken) =>
        await integrations.FindAsync(id, cancellationToken) is null
            ? IntegrationProblems.NotFound(id)
            : TypedResults.Json(new WebhookList(await subscriptions.ListAsync(id, cancellationToken)), WebhooksJsonContext.Wire.WebhookList);

    private static async Task<IResult> CreateAsync(string id, HttpRequest request, IntegrationStore integrations, WebhookRegistration registration, CancellationToken cancellationToken) =>
        await integrations.FindAsync(id, cancellationToken) is null
            ? IntegrationProblems.NotFound(id)
            : await registration.CreateAsync(id, request, $"DELETE /api/admin/integrations/{id}/webhooks/{{webhookId}}", cancellationToken);

    private static async Task<IResult> DeleteAsync(string id, string webhookId, WebhookSubscriptionStore subscriptions, CancellationToken cancellationToken) =>
        await subscriptions.DeleteAsync(id, webhookId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Integration '{id}' has no webhook '{webhookId}'; GET /api/admin/integrations/{id}/webhooks lists them.");
}
